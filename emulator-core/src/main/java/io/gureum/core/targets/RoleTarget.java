package io.gureum.core.targets;

/**
 * An IAM role as other services see it, looked up by its ARN: Lambda (with {@code --enforce-iam})
 * checks that a function's execution role exists and that its trust policy lets Lambda assume it.
 */
public interface RoleTarget {

    /** The role's trust policy, as JSON. */
    String assumeRolePolicyDocument();
}
