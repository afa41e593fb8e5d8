package io.gureum.cloudformation.resource.iam;

/** {@code AWS::IAM::UserPolicy}: an inline policy of one user; see {@link InlinePolicyHandler}. */
public final class UserPolicyHandler extends InlinePolicyHandler {
    public UserPolicyHandler() {
        super("AWS::IAM::UserPolicy", "UserName", Principal.USER);
    }
}
