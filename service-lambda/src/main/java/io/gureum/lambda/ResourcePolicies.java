package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.DeleteResourcePolicyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteResourcePolicyResponse;
import software.amazon.awssdk.services.lambda.model.GetResourcePolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetResourcePolicyResponse;
import software.amazon.awssdk.services.lambda.model.PutResourcePolicyRequest;
import software.amazon.awssdk.services.lambda.model.PutResourcePolicyResponse;

/**
 * Provider of the newer resource-policy API (https://docs.aws.amazon.com/lambda/latest/api/API_PutResourcePolicy.html)
 * over the same statements AddPermission/RemovePermission keep: PutResourcePolicy replaces the function's
 * (or the version's or alias's) whole policy, "If you previously added permissions using the AddPermission
 * operation, the new policy overwrites those permissions"; GetResourcePolicy reads it as GetPolicy does;
 * DeleteResourcePolicy removes it. Statements are kept by {@code Sid} (a statement without one gets its
 * position as key) and rendered as {@code {"Version":"2012-10-17","Id":"default","Statement":[…]}}.
 */
final class ResourcePolicies {
    private final ServiceContext context;
    private final FunctionLookup lookup;

    ResourcePolicies(ServiceContext context, FunctionLookup lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest r) {
        FunctionRef ref = FunctionRef.parse(r.resourceArn(), null);
        LambdaFunction f = target(r.resourceArn());
        Map<String, ObjectNode> statements = parse(r.policy());
        synchronized (f) {
            FunctionLookup.checkRevision(r.revisionId(), f.policyRevisionId);
            if (statements.isEmpty()) {
                f.policies.remove(key(ref));
            } else {
                f.policies.put(key(ref), statements);
            }
            f.policyRevisionId = context.ids().requestId();
            f.policyDocuments.clear();
        }
        GetResourcePolicyResponse g = get(f, ref);
        return PutResourcePolicyResponse.builder().policy(g.policy()).revisionId(g.revisionId()).build();
    }

    public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest r) {
        FunctionRef ref = FunctionRef.parse(r.resourceArn(), null);
        return get(target(r.resourceArn()), ref);
    }

    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest r) {
        FunctionRef ref = FunctionRef.parse(r.resourceArn(), null);
        LambdaFunction f = target(r.resourceArn());
        synchronized (f) {
            FunctionLookup.checkRevision(r.revisionId(), f.policyRevisionId);
            if (f.policies.remove(key(ref)) == null) {
                throw LambdaErrors.notFound("The resource you requested does not exist.");
            }
            f.policyRevisionId = context.ids().requestId();
            f.policyDocuments.clear();
        }
        return DeleteResourcePolicyResponse.builder().build();
    }

    private GetResourcePolicyResponse get(LambdaFunction f, FunctionRef ref) {
        synchronized (f) {
            Map<String, ObjectNode> policy = f.policies.get(key(ref));
            if (policy == null || policy.isEmpty()) {
                throw LambdaErrors.notFound("The resource you requested does not exist.");
            }
            ObjectNode doc = LambdaJson.MAPPER.createObjectNode();
            doc.put("Version", "2012-10-17");
            doc.put("Id", "default");
            policy.values().forEach(doc.putArray("Statement")::add);
            try {
                return GetResourcePolicyResponse.builder().policy(LambdaJson.MAPPER.writeValueAsString(doc))
                        .revisionId(f.policyRevisionId).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The function, and the version or alias the ARN's qualifier names (which must exist). */
    private LambdaFunction target(String resourceArn) {
        return lookup.resolve(resourceArn, null).function();
    }

    /** {@code $LATEST}'s permissions are the unqualified function's. */
    private static String key(FunctionRef ref) {
        return ref.qualifier() == null || FunctionVersion.LATEST.equals(ref.qualifier()) ? "" : ref.qualifier();
    }

    private static Map<String, ObjectNode> parse(String policy) {
        JsonNode doc;
        try {
            doc = LambdaJson.MAPPER.readTree(policy);
        } catch (IOException e) {
            doc = null;
        }
        JsonNode s = doc == null || !doc.isObject() ? null : doc.get("Statement");
        if (s == null || !(s.isArray() || s.isObject())) {
            throw LambdaErrors.invalidParameter("The policy document is not a valid JSON policy with a Statement.");
        }
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode st : doc.get("Statement").isArray() ? doc.get("Statement") : LambdaJson.MAPPER.createArrayNode()
                .add(doc.get("Statement"))) {
            if (!st.isObject()) {
                throw LambdaErrors.invalidParameter("The policy document is not a valid JSON policy with a Statement.");
            }
            String sid = st.hasNonNull("Sid") ? st.get("Sid").asText() : "#" + i;
            out.put(sid, (ObjectNode) st.deepCopy());
            i++;
        }
        return out;
    }
}
