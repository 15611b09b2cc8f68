namespace PosConnector.Core.Terminals;

public enum CardType
{
    Credit,
    Debit,
}
