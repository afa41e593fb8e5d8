package io.gureum.cloudformation.resource.iam;

/** {@code AWS::IAM::GroupPolicy}: an inline policy of one group; see {@link InlinePolicyHandler}. */
public final class GroupPolicyHandler extends InlinePolicyHandler {
    public GroupPolicyHandler() {
        super("AWS::IAM::GroupPolicy", "GroupName", Principal.GROUP);
    }
}
