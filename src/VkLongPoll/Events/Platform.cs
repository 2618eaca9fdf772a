namespace VkLongPoll.Events;

/// <summary>The device a friend came online from (event 8).</summary>
public enum Platform
{
    /// <summary>Not given (no mode 64, or -1 in version 10+).</summary>
    Unknown = 0,

    /// <summary>Mobile web version or an unknown mobile app.</summary>
    Mobile = 1,

    /// <summary>iPhone app.</summary>
    IPhone = 2,

    /// <summary>iPad app.</summary>
    IPad = 3,

    /// <summary>Android app.</summary>
    Android = 4,

    /// <summary>Windows Phone app.</summary>
    WindowsPhone = 5,

    /// <summary>Windows 8 app.</summary>
    Windows = 6,

    /// <summary>Full web version or an unknown app.</summary>
    Web = 7,
}
