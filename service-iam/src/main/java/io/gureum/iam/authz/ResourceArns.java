package io.gureum.iam.authz;

import io.gureum.iam.authz.resolvers.CloudFormationResources;
import io.gureum.iam.authz.resolvers.EcrResources;
import io.gureum.iam.authz.resolvers.EventBridgeResources;
import io.gureum.iam.authz.resolvers.LambdaResources;
import io.gureum.iam.authz.resolvers.S3Resources;
import io.gureum.iam.authz.resolvers.SqsResources;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource ARN an operation acts on, from its action's ARN templates and the request: a request member
 * that already is a matching ARN ({@code TopicArn}, a DynamoDB {@code TableName} given as an ARN) is taken as
 * it is; otherwise each {@code ${Variable}} takes the request member of its name (case-insensitive,
 * {@code ${RoleNameWithPath}} the {@code RoleName}), the API's {@link ResourceResolver}'s value, or the
 * partition, region and account of the request. An optional {@code [...]} part is dropped when its variables
 * are unknown. When no template can be filled the resource is {@code *}.
 */
public final class ResourceArns {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern OPTIONAL = Pattern.compile("\\[([^\\]]*)]");
    private static final Map<String, ResourceResolver> RESOLVERS = Map.of("sqs", new SqsResources(), "s3",
            new S3Resources(), "lambda", new LambdaResources(), "eventbridge", new EventBridgeResources(), "ecr",
            new EcrResources(), "cloudformation", new CloudFormationResources());

    private static final Map<String, Pattern> SHAPES = new java.util.concurrent.ConcurrentHashMap<>();

    private ResourceArns() {
    }

    public static String resolve(String api, ActionTable.Action action, Object request, String partition,
            String region, String account) {
        if (action.arnTemplates().isEmpty()) {
            return "*";
        }
        Map<String, String> fields = RequestFields.strings(request);
        for (String template : action.arnTemplates()) {
            Pattern shape = SHAPES.computeIfAbsent(template, ResourceArns::shape);
            for (String value : fields.values()) {
                if (value.startsWith("arn:") && shape.matcher(value).matches()) {
                    return value;
                }
            }
        }
        Map<String, String> variables = new HashMap<>(fields);
        variables.put("partition", partition);
        variables.put("region", region);
        variables.put("account", account);
        ResourceResolver resolver = RESOLVERS.get(api);
        if (resolver != null) {
            resolver.resolve(fields, variables);
        }
        for (String template : action.arnTemplates()) {
            String arn = fill(template, variables);
            if (arn != null) {
                return arn;
            }
        }
        return "*";
    }

    /** The template with every variable filled, or null when one is unknown. */
    static String fill(String template, Map<String, String> variables) {
        Matcher optional = OPTIONAL.matcher(template);
        StringBuilder withOptional = new StringBuilder();
        while (optional.find()) {
            String part = fill(optional.group(1), variables);
            optional.appendReplacement(withOptional, Matcher.quoteReplacement(part == null ? "" : part));
        }
        optional.appendTail(withOptional);
        Matcher m = VARIABLE.matcher(withOptional);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String value = variables.get(name);
            if (value == null && name.endsWith("withpath")) {
                value = variables.get(name.substring(0, name.length() - "withpath".length()));
            }
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A template as a pattern any filled-in ARN of it matches. */
    private static Pattern shape(String template) {
        String noOptional = OPTIONAL.matcher(template).replaceAll("(?:$1)?");
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(noOptional);
        int last = 0;
        while (m.find()) {
            regex.append(quoteExceptGroups(noOptional.substring(last, m.start())));
            regex.append(m.group(1).equals("Region") || m.group(1).equals("Account") ? "[^:]*" : ".+");
            last = m.end();
        }
        regex.append(quoteExceptGroups(noOptional.substring(last)));
        return Pattern.compile(regex.toString());
    }

    private static String quoteExceptGroups(String literal) {
        StringBuilder out = new StringBuilder();
        for (String piece : literal.split("((?<=\\(\\?:)|(?=\\(\\?:)|(?<=\\)\\?)|(?=\\)\\?))")) {
            out.append(piece.equals("(?:") || piece.equals(")?") ? piece : Pattern.quote(piece));
        }
        return out.toString();
    }
}
