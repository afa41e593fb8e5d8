package io.gureum.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;

/**
 * Provider of a function's resource-based policy: AddPermission, RemovePermission, GetPolicy; and the check that
 * lets (or stops) SNS and S3 invoke a function when IAM is enforced. Statements are rendered as AWS
 * renders them, e.g. {@code {"Sid":"sns","Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
 * "Action":"lambda:InvokeFunction","Resource":"arn:…:function:f","Condition":{"ArnLike":{"AWS:SourceArn":"arn:…"}}}}
 * (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
 */
final class Policies {
    private static final Pattern SID = Pattern.compile("([a-zA-Z0-9-_.]+)");
    private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private final ServiceContext context;
    private final FunctionLookup lookup;

    Policies(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    public AddPermissionResponse addPermission(AddPermissionRequest request) {
        FunctionLookup.Resolved r = lookup.resolve(request.functionName(), request.qualifier());
        return AddPermissionResponse.builder().statement(addPermission(r.function(), request, r.qualifier())).build();
    }

    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        FunctionLookup.Resolved r = lookup.resolve(request.functionName(), request.qualifier());
        removePermission(r.function(), request.statementId(), r.qualifier(), request.revisionId());
        return RemovePermissionResponse.builder().build();
    }

    public GetPolicyResponse getPolicy(GetPolicyRequest request) {
        FunctionLookup.Resolved r = lookup.resolve(request.functionName(), request.qualifier());
        return getPolicy(r.function(), r.qualifier());
    }

    private String addPermission(LambdaFunction f, AddPermissionRequest r, String qualifier) {
        if (r.statementId() == null || r.statementId().length() > 100 || !SID.matcher(r.statementId()).matches()) {
            throw LambdaErrors.validation(r.statementId(), "statementId",
                    "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)");
        }
        if (r.action() == null || !ACTION.matcher(r.action()).matches()) {
            throw LambdaErrors.validation(r.action(), "action",
                    "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
        }
        if (r.principal() == null || r.principal().isEmpty()) {
            throw LambdaErrors.validation(r.principal(), "principal", "Member must not be null");
        }
        // $LATEST's permissions are the unqualified function's; AWS refuses a policy of its own for it.
        if (FunctionVersion.LATEST.equals(qualifier)) {
            throw LambdaErrors.invalidParameter("We currently do not support adding policies for $LATEST.");
        }
        ObjectNode s = LambdaJson.MAPPER.createObjectNode();
        s.put("Sid", r.statementId());
        s.put("Effect", "Allow");
        s.set("Principal", principal(r.principal()));
        s.put("Action", r.action());
        s.put("Resource", qualifier == null ? f.arn : f.arn + ":" + qualifier);
        ObjectNode condition = LambdaJson.MAPPER.createObjectNode();
        if (r.sourceAccount() != null) {
            condition.with("StringEquals").put("AWS:SourceAccount", r.sourceAccount());
        }
        if (r.principalOrgID() != null) {
            condition.with("StringEquals").put("aws:PrincipalOrgID", r.principalOrgID());
        }
        if (r.eventSourceToken() != null) {
            condition.with("StringEquals").put("lambda:EventSourceToken", r.eventSourceToken());
        }
        if (r.functionUrlAuthTypeAsString() != null) {
            condition.with("StringEquals").put("lambda:FunctionUrlAuthType", r.functionUrlAuthTypeAsString());
        }
        if (r.sourceArn() != null) {
            condition.with("ArnLike").put("AWS:SourceArn", r.sourceArn());
        }
        if (!condition.isEmpty()) {
            s.set("Condition", condition);
        }
        synchronized (f) {
            if (r.revisionId() != null && !r.revisionId().equals(f.policyRevisionId)) {
                throw LambdaErrors.revisionMismatch();
            }
            Map<String, ObjectNode> policy = f.policies.computeIfAbsent(key(qualifier), k -> new LinkedHashMap<>());
            if (policy.containsKey(r.statementId())) {
                throw LambdaErrors.conflict("The statement id (sid) provided already exists. Please choose a new "
                        + "statement id, or remove the existing statement.");
            }
            policy.put(r.statementId(), s);
            f.policyRevisionId = context.ids().requestId();
            f.policyDocuments.clear();
        }
        return write(s);
    }

    private void removePermission(LambdaFunction f, String statementId, String qualifier, String revisionId) {
        synchronized (f) {
            if (revisionId != null && !revisionId.equals(f.policyRevisionId)) {
                throw LambdaErrors.revisionMismatch();
            }
            Map<String, ObjectNode> policy = f.policies.get(key(qualifier));
            if (policy == null || policy.remove(statementId) == null) {
                throw LambdaErrors.notFound("Statement " + statementId + " is not found in resource policy.");
            }
            if (policy.isEmpty()) {
                f.policies.remove(key(qualifier));
            }
            f.policyRevisionId = context.ids().requestId();
            f.policyDocuments.clear();
        }
    }

    private GetPolicyResponse getPolicy(LambdaFunction f, String qualifier) {
        synchronized (f) {
            Map<String, ObjectNode> policy = f.policies.get(key(qualifier));
            if (policy == null || policy.isEmpty()) {
                throw LambdaErrors.notFound("The resource you requested does not exist.");
            }
            return GetPolicyResponse.builder().policy(render(policy.values())).revisionId(f.policyRevisionId).build();
        }
    }

    /**
     * The policy the authorizer evaluates for the function ARN with this qualifier (null: unqualified):
     * the unqualified function's statements (which are also {@code $LATEST}'s), plus, for a version or
     * alias, that qualifier's own; each statement names its exact ARN as Resource, so only the matching
     * ones apply. Rendered once per change of the policy. Null when there are no statements.
     */
    static String document(LambdaFunction f, String qualifier) {
        String k = qualifier == null || FunctionVersion.LATEST.equals(qualifier) ? "" : qualifier;
        java.util.Optional<String> cached = f.policyDocuments.get(k);
        if (cached != null) {
            return cached.orElse(null);
        }
        synchronized (f) {
            java.util.List<ObjectNode> statements = new java.util.ArrayList<>();
            for (String q : k.isEmpty() ? new String[] {""} : new String[] {"", k}) {
                Map<String, ObjectNode> policy = f.policies.get(q);
                if (policy != null) {
                    statements.addAll(policy.values());
                }
            }
            String doc = statements.isEmpty() ? null : render(statements);
            f.policyDocuments.put(k, java.util.Optional.ofNullable(doc));
            return doc;
        }
    }

    private static String render(java.util.Collection<ObjectNode> statements) {
        ObjectNode doc = LambdaJson.MAPPER.createObjectNode();
        doc.put("Version", "2012-10-17");
        doc.put("Id", "default");
        ArrayNode array = doc.putArray("Statement");
        statements.forEach(array::add);
        return write(doc);
    }

    /**
     * Whether the function's policy lets {@code service} (e.g. {@code sns.amazonaws.com}) invoke it on
     * behalf of {@code sourceArn}: a statement allowing lambda:InvokeFunction to that principal whose
     * {@code ArnLike AWS:SourceArn} (if any) matches and whose {@code AWS:SourceAccount} (if any) is the
     * source's account.
     */
    boolean allows(LambdaFunction f, String qualifier, String service, String sourceArn) {
        String sourceAccount = null;
        try {
            sourceAccount = sourceArn == null ? null : Arn.parse(sourceArn).accountId();
        } catch (IllegalArgumentException ignored) {
            // not an ARN: no account to compare
        }
        synchronized (f) {
            for (String k : qualifier == null ? new String[] {""} : new String[] {"", qualifier}) {
                Map<String, ObjectNode> policy = f.policies.get(k);
                if (policy == null) {
                    continue;
                }
                for (ObjectNode s : policy.values()) {
                    if (matches(s, service, sourceArn, sourceAccount)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean matches(ObjectNode s, String service, String sourceArn, String sourceAccount) {
        String action = s.path("Action").asText();
        if (!action.equals("lambda:InvokeFunction") && !action.equals("lambda:*") && !action.equals("*")) {
            return false;
        }
        JsonNode p = s.get("Principal");
        boolean principal = p.isTextual() && p.asText().equals("*") || service.equals(p.path("Service").asText());
        if (!principal) {
            return false;
        }
        JsonNode c = s.path("Condition");
        String arnLike = c.path("ArnLike").path("AWS:SourceArn").asText(null);
        if (arnLike != null && (sourceArn == null || !wildcard(arnLike, sourceArn))) {
            return false;
        }
        String account = c.path("StringEquals").path("AWS:SourceAccount").asText(null);
        // S3 bucket ARNs carry no account; the source account is then not known here and not held against it.
        return account == null || sourceAccount == null || sourceAccount.isEmpty() || account.equals(sourceAccount);
    }

    /** IAM's ArnLike: '*' matches any run of characters, '?' one character. */
    static boolean wildcard(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return value.matches(re.toString());
    }

    private static JsonNode principal(String p) {
        ObjectNode n = LambdaJson.MAPPER.createObjectNode();
        if (p.equals("*")) {
            return LambdaJson.MAPPER.getNodeFactory().textNode("*");
        }
        if (ACCOUNT.matcher(p).matches()) {
            n.put("AWS", Arn.of("aws", "iam", "", p, "root").toString());
        } else if (p.startsWith("arn:")) {
            n.put("AWS", p);
        } else {
            n.put("Service", p);
        }
        return n;
    }

    private static String key(String qualifier) {
        return qualifier == null ? "" : qualifier;
    }

    private static String write(JsonNode n) {
        try {
            return LambdaJson.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
