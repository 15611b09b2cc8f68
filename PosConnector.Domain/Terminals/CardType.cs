namespace PosConnector.Domain.Terminals;

public enum CardType
{
    Credit,
    Debit,
}
