package io.gureum.cloudformation.resource.elasticloadbalancingv2;

import static io.gureum.cloudformation.resource.elasticloadbalancingv2.ElbSupport.elb;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform;

/**
 * {@code AWS::ElasticLoadBalancingV2::ListenerRule}. {@code Ref} and {@code Fn::GetAtt RuleArn} are the rule's
 * ARN; {@code Fn::GetAtt IsDefault} is {@code false} (a template cannot declare a listener's default rule).
 * {@code ListenerArn} replaces it; {@code Priority} changes in place with SetRulePriorities, conditions, actions
 * and transforms with ModifyRule.
 */
public final class ListenerRuleHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Actions", "Conditions", "ListenerArn", "Priority",
            "Transforms");

    @Override
    public String type() {
        return "AWS::ElasticLoadBalancingV2::ListenerRule";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ListenerArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        List<RuleTransform> transforms = ElbSupport.list(r, "Transforms", RuleTransform.class);
        String arn = elb(r).createRule(b -> b.listenerArn(r.requiredText("ListenerArn")).priority(r.integer("Priority"))
                .conditions(ElbSupport.list(r, "Conditions", RuleCondition.class))
                .actions(ElbSupport.list(r, "Actions", Action.class))
                .transforms(transforms.isEmpty() ? null : transforms)).rules().get(0).ruleArn();
        return created(arn);
    }

    private static Created created(String arn) {
        return Created.of(arn).attribute("RuleArn", arn).attribute("IsDefault", "false");
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        String arn = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("Priority")) {
            elb.setRulePriorities(b -> b.rulePriorities(p -> p.ruleArn(arn).priority(r.integer("Priority"))));
        }
        if (changed.contains("Conditions") || changed.contains("Actions") || changed.contains("Transforms")) {
            List<RuleTransform> transforms = ElbSupport.list(r, "Transforms", RuleTransform.class);
            elb.modifyRule(b -> b.ruleArn(arn).conditions(ElbSupport.list(r, "Conditions", RuleCondition.class))
                    .actions(ElbSupport.list(r, "Actions", Action.class))
                    .transforms(transforms.isEmpty() ? null : transforms)
                    .resetTransforms(transforms.isEmpty() && changed.contains("Transforms") ? true : null));
        }
        return created(arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            elb(r).deleteRule(b -> b.ruleArn(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ElbSupport.notFound(e)) {
                throw e;
            }
        }
    }
}
