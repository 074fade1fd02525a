using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Grievance.Workflow.Testing;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping them (with the reason) when the class's environment variable is missing.</summary>
public sealed class StoreFactDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly IMessageSink _diagnosticMessageSink;

    /// <summary>Creates the discoverer (called by xunit).</summary>
    /// <param name="diagnosticMessageSink">xunit's diagnostic sink.</param>
    public StoreFactDiscoverer(IMessageSink diagnosticMessageSink) => _diagnosticMessageSink = diagnosticMessageSink;

    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(SkipUnlessEnvironmentVariableAttribute)).FirstOrDefault();
        if (requirement is not null)
        {
            var arguments = requirement.GetConstructorArguments().Cast<string>().ToArray();
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(arguments[0])))
            {
                var reason = $"Skipped: the environment variable {arguments[0]} is not set ({arguments[1]}).";
                return [new SkippedStoreTestCase(_diagnosticMessageSink, display, displayOptions, testMethod, reason)];
            }
        }

        return [new XunitTestCase(_diagnosticMessageSink, display, displayOptions, testMethod)];
    }

    /// <summary>A test case reported as skipped with a reason decided at discovery.</summary>
    public sealed class SkippedStoreTestCase : XunitTestCase
    {
        private string _reason = string.Empty;

        /// <summary>For xunit's deserializer only.</summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public SkippedStoreTestCase()
        {
        }

        /// <summary>Creates the test case.</summary>
        /// <param name="sink">xunit's diagnostic sink.</param>
        /// <param name="display">How to display the method.</param>
        /// <param name="displayOptions">Display options.</param>
        /// <param name="testMethod">The test method.</param>
        /// <param name="reason">The skip reason.</param>
        public SkippedStoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
            : base(sink, display, displayOptions, testMethod)
        {
            _reason = reason;
        }

        /// <inheritdoc />
        public override void Serialize(IXunitSerializationInfo data)
        {
            ArgumentNullException.ThrowIfNull(data);
            base.Serialize(data);
            data.AddValue("Reason", _reason);
        }

        /// <inheritdoc />
        public override void Deserialize(IXunitSerializationInfo data)
        {
            ArgumentNullException.ThrowIfNull(data);
            _reason = data.GetValue<string>("Reason");
            base.Deserialize(data);
        }

        /// <inheritdoc />
        protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;

        /// <summary>The method's display name followed by the skip reason, so that runners showing only names (<c>dotnet test</c> at its default verbosity) still say why.</summary>
        /// <inheritdoc />
        protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) => $"{base.GetDisplayName(factAttribute, displayName)} [{_reason}]";
    }
}
