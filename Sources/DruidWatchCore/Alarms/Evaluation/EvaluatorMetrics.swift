/// What the evaluator publishes about itself after every cycle that read CloudWatch,
/// with the `Cluster` dimension: its pulse (1 per cycle, watched by a native alarm) and
/// how many alarm states are in ALARM (charted on the overview).
public enum EvaluatorMetrics {
    public static let cycles = "druidwatch/evaluator/cycles"
    public static let firing = "druidwatch/evaluator/firing"
}
