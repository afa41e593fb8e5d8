package io.gureum.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.spi.ServiceContext;
import java.util.Iterator;
import java.util.List;
import software.amazon.awssdk.services.sns.model.AddPermissionRequest;
import software.amazon.awssdk.services.sns.model.AddPermissionResponse;
import software.amazon.awssdk.services.sns.model.GetDataProtectionPolicyRequest;
import software.amazon.awssdk.services.sns.model.GetDataProtectionPolicyResponse;
import software.amazon.awssdk.services.sns.model.PutDataProtectionPolicyRequest;
import software.amazon.awssdk.services.sns.model.PutDataProtectionPolicyResponse;
import software.amazon.awssdk.services.sns.model.RemovePermissionRequest;
import software.amazon.awssdk.services.sns.model.RemovePermissionResponse;

/**
 * A topic's policies: AddPermission and RemovePermission edit labelled statements of its access policy
 * (https://docs.aws.amazon.com/sns/latest/api/API_AddPermission.html); Put/GetDataProtectionPolicy keep
 * its data protection policy, stored, not enforced.
 */
final class TopicPolicies {
    private final ServiceContext context;
    private final Topics topics;

    TopicPolicies(ServiceContext context, Topics topics) {
        this.context = context;
        this.topics = topics;
    }

    public AddPermissionResponse addPermission(AddPermissionRequest request) {
        addPermission(topics.require(request.topicArn()), request.label(), request.awsAccountIds(),
                request.actionNames());
        return AddPermissionResponse.builder().build();
    }

    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        removePermission(topics.require(request.topicArn()), request.label());
        return RemovePermissionResponse.builder().build();
    }

    public PutDataProtectionPolicyResponse putDataProtectionPolicy(PutDataProtectionPolicyRequest request) {
        putDataProtectionPolicy(request.resourceArn(), request.dataProtectionPolicy());
        return PutDataProtectionPolicyResponse.builder().build();
    }

    public GetDataProtectionPolicyResponse getDataProtectionPolicy(GetDataProtectionPolicyRequest request) {
        return GetDataProtectionPolicyResponse.builder()
                .dataProtectionPolicy(topics.require(request.resourceArn()).attribute("DataProtectionPolicy")).build();
    }

    private void addPermission(Topic t, String label, List<String> accounts, List<String> actions) {
        if (label == null || label.isEmpty()) {
            throw SnsErrors.invalidParameter("Label");
        }
        if (accounts == null || accounts.isEmpty()) {
            throw SnsErrors.invalidParameter("AWSAccountId");
        }
        if (actions == null || actions.isEmpty()) {
            throw SnsErrors.invalidParameter("ActionName");
        }
        synchronized (t) {
            ObjectNode p = (ObjectNode) Topics.requireJson("Policy", t.attribute("Policy"));
            ArrayNode statements = p.withArray("Statement");
            for (JsonNode s : statements) {
                if (label.equals(s.path("Sid").asText(null))) {
                    throw SnsErrors.invalidParameter("Statement already exists");
                }
            }
            ObjectNode s = statements.addObject();
            s.put("Sid", label);
            s.put("Effect", "Allow");
            ArrayNode principals = s.putObject("Principal").putArray("AWS");
            String partition = context.topology().partitionOf(t.region).id();
            accounts.forEach(a -> principals.add("arn:" + partition + ":iam::" + a + ":root"));
            ArrayNode acts = s.putArray("Action");
            actions.forEach(a -> acts.add("SNS:" + a));
            s.put("Resource", t.arnText);
            t.setAttribute("Policy", p.toString());
        }
    }

    private void removePermission(Topic t, String label) {
        if (label == null || label.isEmpty()) {
            throw SnsErrors.invalidParameter("Label");
        }
        synchronized (t) {
            ObjectNode p = (ObjectNode) Topics.requireJson("Policy", t.attribute("Policy"));
            for (Iterator<JsonNode> it = p.withArray("Statement").iterator(); it.hasNext(); ) {
                if (label.equals(it.next().path("Sid").asText(null))) {
                    it.remove();
                }
            }
            t.setAttribute("Policy", p.toString());
        }
    }

    private void putDataProtectionPolicy(String arn, String policy) {
        Topic t = topics.require(arn);
        if (policy == null || policy.isEmpty()) {
            throw SnsErrors.invalidParameter("DataProtectionPolicy");
        }
        Topics.requireDataProtectionPolicy(policy);
        t.setAttribute("DataProtectionPolicy", policy);
    }
}
