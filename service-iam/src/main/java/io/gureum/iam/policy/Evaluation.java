package io.gureum.iam.policy;

/** A decision and the statement that made it (null for an implicit deny). */
public record Evaluation(Decision decision, Statement deciding) {
}
