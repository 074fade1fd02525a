// Renders the lifecycle's Mermaid text with the vendored Mermaid; without JavaScript the text itself stays readable.
mermaid.initialize({ startOnLoad: true, securityLevel: "strict", theme: "neutral" });
