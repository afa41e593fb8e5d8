package io.gureum.iam.authz.resolvers;

import io.gureum.iam.authz.ResourceResolver;
import java.util.Map;

/**
 * CloudFormation names a stack by {@code StackName} (a stack set by {@code StackSetName}), its name or its ARN; an
 * ARN is taken as it is. A name stands for every stack of that name, whatever its unique id: the resource is
 * {@code stack/NAME/*} ({@code stackset/NAME:*}), as AWS authorises it and names it in its denials ("… on resource:
 * arn:aws:cloudformation:us-east-1:123456789012:stack/NAME/*"), so a policy scoped to stacks by name matches.
 */
public final class CloudFormationResources implements ResourceResolver {
    @Override
    public void resolve(Map<String, String> fields, Map<String, String> variables) {
        if (fields.containsKey("stackname") || fields.containsKey("stacksetname")) {
            variables.put("id", "*");
        }
    }
}
