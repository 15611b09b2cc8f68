namespace PosConnector.ConformanceKit;

public enum Outcome
{
    Pass,
    Fail,
    Skip,
}
