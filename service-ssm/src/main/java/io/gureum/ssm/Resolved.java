package io.gureum.ssm;

import io.gureum.core.ids.Arn;

/**
 * A parameter version a read named: the parameter's name and ARN, the version, the selector the request
 * used ({@code :3}, {@code :prod}, or null) and the stored parameter (null for a public parameter).
 */
record Resolved(String name, Arn arn, ParameterVersion version, String selector, StoredParameter stored) {
}
