package io.gureum.cloudformation.resource.cloudwatch;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * {@code AWS::CloudWatch::InsightRule}. {@code Ref} is the rule's ARN; {@code Fn::GetAtt} gives {@code Arn} and
 * {@code RuleName} (the type's reference page), and {@code Id} (the schema's primary identifier, the ARN). {@code RuleName} replaces it; {@code RuleBody} (a JSON string, or an
 * object the template gives), {@code RuleState}, {@code ApplyOnTransformedLogs} change in place with PutInsightRule,
 * {@code Tags} with TagResource/UntagResource (PutInsightRule ignores tags on an update).
 */
public final class InsightRuleHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ApplyOnTransformedLogs", "RuleBody", "RuleName", "RuleState",
            "Tags");

    @Override
    public String type() {
        return "AWS::CloudWatch::InsightRule";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RuleName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.requiredText("RuleName");
        r.client(CloudWatchClient.class).putInsightRule(b -> put(r, b.ruleName(name)).tags(CloudWatchTags.of(r)));
        return result(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.requiredText("RuleName");
        r.client(CloudWatchClient.class).putInsightRule(b -> put(r, b.ruleName(name)));
        Created c = result(r, name);
        if (r.changedProperties().contains("Tags") || !r.stackTags().isEmpty()) {
            CloudWatchTags.update(r, c.attributes().get("Arn").asText());
        }
        return c;
    }

    private static software.amazon.awssdk.services.cloudwatch.model.PutInsightRuleRequest.Builder put(
            ResourceRequest r, software.amazon.awssdk.services.cloudwatch.model.PutInsightRuleRequest.Builder b) {
        return b.ruleDefinition(Json.document(r.property("RuleBody"))).ruleState(r.requiredText("RuleState"))
                .applyOnTransformedLogs(r.bool("ApplyOnTransformedLogs"));
    }

    private static Created result(ResourceRequest r, String name) {
        String arn = "arn:" + r.partition() + ":cloudwatch:" + r.stack().region() + ":" + r.stack().accountId()
                + ":insight-rule/" + name;
        return Created.of(arn).attribute("Arn", arn).attribute("Id", arn).attribute("RuleName", name);
    }

    @Override
    public void delete(ResourceRequest r) {
        String name = r.physicalId().substring(r.physicalId().indexOf(":insight-rule/") + ":insight-rule/".length());
        // An unknown rule is a failure entry, not an error: deleting a deleted rule succeeds.
        r.client(CloudWatchClient.class).deleteInsightRules(b -> b.ruleNames(name));
    }
}
