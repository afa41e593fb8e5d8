package io.gureum.cloudformation.resource.iam;

/** {@code AWS::IAM::RolePolicy}: an inline policy of one role; see {@link InlinePolicyHandler}. */
public final class RolePolicyHandler extends InlinePolicyHandler {
    public RolePolicyHandler() {
        super("AWS::IAM::RolePolicy", "RoleName", Principal.ROLE);
    }
}
