using Newtonsoft.Json.Linq;

namespace PosConnector.ConformanceKit;

/// <summary>A POS payment whose charge went to the terminal: its Create body, and how long the wait app waits.</summary>
public sealed record PosCharge(string PaymentId, JObject Body, Answer WaitAnswer, int SecondsWaiting);
