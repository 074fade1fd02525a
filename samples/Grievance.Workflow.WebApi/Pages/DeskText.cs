using System.Globalization;

namespace Grievance.Workflow.WebApi.Pages;

/// <summary>
/// The pages' words in English and Hindi: the English text is the key, so a page reads as English and a missing translation shows
/// English, never a key. The language is the request's UI culture (<c>?culture=hi-IN</c>, then a cookie).
/// </summary>
internal static class DeskText
{
    /// <summary>The cultures the desk speaks.</summary>
    public static readonly string[] Cultures = ["en-IN", "hi-IN"];

    public static bool IsHindi => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "hi";

    /// <summary>The text in the request's language.</summary>
    public static string T(string english) => IsHindi && Hindi.TryGetValue(english, out var hindi) ? hindi : english;

    private static readonly Dictionary<string, string> Hindi = new(StringComparer.Ordinal)
    {
        ["Grievance desk"] = "शिकायत डेस्क",
        ["Skip to content"] = "मुख्य सामग्री पर जाएँ",
        ["Main"] = "मुख्य",
        ["Home"] = "मुखपृष्ठ",
        ["File a complaint"] = "शिकायत दर्ज करें",
        ["Track a complaint"] = "शिकायत की स्थिति देखें",
        ["Work queue"] = "कार्य सूची",
        ["Dashboard"] = "डैशबोर्ड",
        ["Lifecycle"] = "प्रक्रिया चित्र",
        ["Sign in"] = "साइन इन करें",
        ["Sign out"] = "साइन आउट",
        ["Signed in as"] = "साइन इन:",
        ["Language"] = "भाषा",
        ["Channel"] = "माध्यम",
        ["Category"] = "श्रेणी",
        ["District"] = "जनपद",
        ["Tehsil"] = "तहसील",
        ["Description"] = "शिकायत का विवरण",
        ["Describe the problem: what, where and since when."] = "समस्या बताएँ: क्या, कहाँ और कब से।",
        ["Your name"] = "आपका नाम",
        ["Mobile number"] = "मोबाइल नंबर",
        ["Complainant id"] = "शिकायतकर्ता आईडी",
        ["Submit complaint"] = "शिकायत भेजें",
        ["Your complaint is registered. Its reference number is"] = "आपकी शिकायत दर्ज हो गई है। संदर्भ संख्या है",
        ["Reference number"] = "संदर्भ संख्या",
        ["Track"] = "स्थिति देखें",
        ["Status"] = "स्थिति",
        ["Outcome"] = "परिणाम",
        ["Level"] = "स्तर",
        ["Department"] = "विभाग",
        ["Officer"] = "अधिकारी",
        ["Registered"] = "दर्ज",
        ["Due"] = "नियत तिथि",
        ["Overdue"] = "समय-सीमा पार",
        ["History"] = "इतिहास",
        ["No complaint has this reference number."] = "इस संदर्भ संख्या की कोई शिकायत नहीं है।",
        ["Your feedback"] = "आपकी प्रतिक्रिया",
        ["Are you satisfied with the action taken?"] = "क्या आप की गई कार्यवाही से संतुष्ट हैं?",
        ["Satisfied"] = "संतुष्ट",
        ["Dissatisfied"] = "असंतुष्ट",
        ["Rating (1 to 5)"] = "रेटिंग (1 से 5)",
        ["Why? (if dissatisfied)"] = "कारण (यदि असंतुष्ट हैं)",
        ["Send feedback"] = "प्रतिक्रिया भेजें",
        ["Thank you. Your feedback is recorded."] = "धन्यवाद। आपकी प्रतिक्रिया दर्ज हो गई है।",
        ["Sign in as the complainant to see the disposal reports and give feedback."] = "निस्तारण आख्या देखने और प्रतिक्रिया देने के लिए शिकायतकर्ता के रूप में साइन इन करें।",
        ["This field is required."] = "यह जानकारी आवश्यक है।",
        ["Report (aakhya)"] = "आख्या",
        ["Public grievances, from intake to closure."] = "जन शिकायतें, दर्ज होने से निस्तारण तक।",
    };
}
