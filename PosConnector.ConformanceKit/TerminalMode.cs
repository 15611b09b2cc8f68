namespace PosConnector.ConformanceKit;

/// <summary>Who answers the charges the kit's POS payments send to a terminal.</summary>
public enum TerminalMode
{
    /// <summary>Nobody: the checks that need a terminal are skipped, and the report says so.</summary>
    None,

    /// <summary>The kit: it reads the command ids with the admin key and posts results signed with the terminal's secret.</summary>
    Play,

    /// <summary>A person on a real terminal, told what to do and waited for.</summary>
    Manual,
}
