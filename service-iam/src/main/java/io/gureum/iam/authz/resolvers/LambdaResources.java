package io.gureum.iam.authz.resolvers;

import io.gureum.iam.authz.ResourceResolver;
import java.util.Map;

/**
 * Lambda's {@code FunctionName} is a name, a partial ARN ({@code 123456789012:function:my-function}) or a full
 * ARN, each perhaps with a qualifier (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html): the ARN's
 * account and the bare function name.
 */
public final class LambdaResources implements ResourceResolver {
    @Override
    public void resolve(Map<String, String> fields, Map<String, String> variables) {
        String name = fields.get("functionname");
        if (name == null || name.startsWith("arn:")) {
            return; // a full ARN is the resource itself
        }
        String[] parts = name.split(":");
        if (parts.length >= 3 && parts[0].matches("\\d{12}") && parts[1].equals("function")) {
            variables.put("account", parts[0]);
            variables.put("functionname", parts[2]);
        } else {
            variables.put("functionname", parts[0]);
        }
    }
}
