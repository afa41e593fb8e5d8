package io.gureum.cloudformation.resource.elasticloadbalancingv2;

import static io.gureum.cloudformation.resource.elasticloadbalancingv2.ElbSupport.elb;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;

/**
 * {@code AWS::ElasticLoadBalancingV2::Listener}. {@code Ref} and {@code Fn::GetAtt ListenerArn} are the listener's
 * ARN. {@code LoadBalancerArn} replaces it; everything else changes in place (ModifyListener,
 * ModifyListenerAttributes).
 */
public final class ListenerHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AlpnPolicy", "Certificates", "DefaultActions",
            "ListenerAttributes", "LoadBalancerArn", "MutualAuthentication", "Port", "Protocol", "SslPolicy");

    @Override
    public String type() {
        return "AWS::ElasticLoadBalancingV2::Listener";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LoadBalancerArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        List<Certificate> certificates = ElbSupport.list(r, "Certificates", Certificate.class);
        List<String> alpn = ElbSupport.strings(r, "AlpnPolicy");
        String arn = elb.createListener(b -> b.loadBalancerArn(r.requiredText("LoadBalancerArn"))
                .protocol(r.text("Protocol")).port(r.integer("Port")).sslPolicy(r.text("SslPolicy"))
                .certificates(certificates.isEmpty() ? null : certificates).alpnPolicy(alpn.isEmpty() ? null : alpn)
                .defaultActions(ElbSupport.list(r, "DefaultActions", Action.class))
                .mutualAuthentication(ElbSupport.object(r, "MutualAuthentication", MutualAuthenticationAttributes.class)))
                .listeners().get(0).listenerArn();
        Map<String, String> attributes = ElbSupport.keyValues(r.property("ListenerAttributes"));
        if (!attributes.isEmpty()) {
            elb.modifyListenerAttributes(b -> b.listenerArn(arn).attributes(attributes(attributes)));
        }
        return Created.of(arn).attribute("ListenerArn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        String arn = r.physicalId();
        List<Certificate> certificates = ElbSupport.list(r, "Certificates", Certificate.class);
        List<String> alpn = ElbSupport.strings(r, "AlpnPolicy");
        elb.modifyListener(b -> b.listenerArn(arn).protocol(r.text("Protocol")).port(r.integer("Port"))
                .sslPolicy(r.text("SslPolicy")).certificates(certificates.isEmpty() ? null : certificates)
                .alpnPolicy(alpn.isEmpty() ? null : alpn).defaultActions(ElbSupport.list(r, "DefaultActions",
                        Action.class))
                .mutualAuthentication(ElbSupport.object(r, "MutualAuthentication",
                        MutualAuthenticationAttributes.class)));
        Map<String, String> attributes = ElbSupport.changedKeyValues(r, "ListenerAttributes");
        if (!attributes.isEmpty()) {
            elb.modifyListenerAttributes(b -> b.listenerArn(arn).attributes(attributes(attributes)));
        }
        return Created.of(arn).attribute("ListenerArn", arn);
    }

    private static List<ListenerAttribute> attributes(Map<String, String> m) {
        return m.entrySet().stream().map(e -> ListenerAttribute.builder().key(e.getKey()).value(e.getValue())
                .build()).toList();
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            elb(r).deleteListener(b -> b.listenerArn(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ElbSupport.notFound(e)) {
                throw e;
            }
        }
    }
}
