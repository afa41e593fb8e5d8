package io.gureum.elb;

import io.gureum.core.events.CertificateUse;
import io.gureum.core.events.EventBus;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;

/**
 * Listener certificates against ACM: an ACM certificate ARN must name an {@code ISSUED} certificate of the
 * caller's, asked through an in-process {@code AcmClient} (never under the state's lock); IAM server certificate
 * ARNs are checked by form only. The load balancers using a certificate are told to ACM through core's
 * {@link CertificateUse} event, so its {@code InUseBy} lists them and DeleteCertificate refuses while they do.
 */
final class Certificates {
    private final ServiceClients clients;
    private final EventBus events;

    Certificates(ServiceClients clients, EventBus events) {
        this.clients = clients;
        this.events = events;
    }

    /** Checks the certificates a request names (form, then ACM when served). */
    void check(Collection<String> arns) {
        for (String arn : arns) {
            Listeners.checkCertificate(arn);
            if (!arn.contains(":acm:") || !clients.serves(AcmClient.class)) {
                continue;
            }
            RequestContext ctx = RequestContext.current();
            AcmClient acm = clients.client(AcmClient.class,
                    Caller.service("elasticloadbalancing.amazonaws.com", ctx.accountId(), ctx.region(), null));
            String status;
            try {
                status = acm.describeCertificate(b -> b.certificateArn(arn)).certificate().statusAsString();
            } catch (AwsServiceException e) {
                throw ElbErrors.of(CertificateNotFoundException.class, "Certificate '" + arn + "' not found");
            }
            if (!"ISSUED".equals(status)) {
                throw ElbErrors.validation("Certificate '" + arn + "' is not valid: its status is " + status);
            }
        }
    }

    /** The certificates any listener of a load balancer uses. Holds the state's lock. */
    static Set<String> usedBy(ElbState.Place place, String loadBalancerArn) {
        Set<String> used = new LinkedHashSet<>();
        place.listeners.values().stream().filter(l -> l.loadBalancerArn.equals(loadBalancerArn))
                .forEach(l -> used.addAll(l.certificates));
        return used;
    }

    /**
     * Runs a change under the state's lock ({@link ElbState#write}) and then, outside it, tells ACM which
     * certificates each load balancer of the place started or stopped using.
     */
    <T> T tracked(ElbState state, java.util.function.Function<ElbState.Place, T> body) {
        java.util.Map<String, Set<String>> before = new java.util.HashMap<>();
        java.util.Map<String, Set<String>> after = new java.util.HashMap<>();
        T result = state.write(place -> {
            place.loadBalancers.keySet().forEach(lb -> before.put(lb, usedBy(place, lb)));
            T r = body.apply(place);
            place.loadBalancers.keySet().forEach(lb -> after.put(lb, usedBy(place, lb)));
            return r;
        });
        Set<String> lbs = new HashSet<>(before.keySet());
        lbs.addAll(after.keySet());
        lbs.forEach(lb -> changed(lb, before.getOrDefault(lb, Set.of()), after.getOrDefault(lb, Set.of())));
        return result;
    }

    /** Tells ACM what a load balancer started and stopped using (outside the state's lock). */
    void changed(String loadBalancerArn, Set<String> before, Set<String> after) {
        Set<String> stopped = new HashSet<>(before);
        stopped.removeAll(after);
        Set<String> started = new HashSet<>(after);
        started.removeAll(before);
        stopped.stream().filter(a -> a.contains(":acm:"))
                .forEach(a -> events.publish(CertificateUse.stop(a, loadBalancerArn)));
        started.stream().filter(a -> a.contains(":acm:"))
                .forEach(a -> events.publish(CertificateUse.start(a, loadBalancerArn)));
    }
}
