package io.gureum.elb;

import io.gureum.core.ids.Arn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddListenerCertificatesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddListenerCertificatesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AlpnPolicyNotSupportedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerCertificatesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerCertificatesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateListenerException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.MutualAuthenticationAttributes;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveListenerCertificatesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveListenerCertificatesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicyNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyCertificatesException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyListenersException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreNotReadyException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.UnsupportedProtocolException;

/**
 * Listeners (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html):
 * protocols per load balancer type, certificates for HTTPS and TLS (ARN form checked: ACM or IAM server
 * certificates), security policies from {@link SslPolicies}, default actions checked by {@link Actions}, the
 * listener's default rule, listener certificates and listener attributes.
 */
public final class Listeners {
    static final int MAX_LISTENERS = 50;
    static final int MAX_CERTIFICATES = 25;
    static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";
    private static final Set<String> ALB = Set.of("HTTP", "HTTPS");
    private static final Set<String> NLB = Set.of("TCP", "TLS", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC");
    private static final Set<String> ALPN = Set.of("HTTP1Only", "HTTP2Only", "HTTP2Optional", "HTTP2Preferred",
            "None");

    private final ElbState state;
    private final Certificates certs;

    Listeners(ElbState state, Certificates certs) {
        this.state = state;
        this.certs = certs;
    }

    private static List<String> arns(List<Certificate> certificates) {
        return certificates.stream().map(Certificate::certificateArn).toList();
    }

    public CreateListenerResponse createListener(CreateListenerRequest r) {
        List<Action> actions = r.defaultActions();
        Map<String, String> tags = ElbTags.of(r.hasTags() ? r.tags() : List.of());
        certs.check(r.hasCertificates() ? arns(r.certificates()) : List.of());
        return certs.tracked(state, place -> {
            StoredLoadBalancer lb = LoadBalancers.find(place, r.loadBalancerArn());
            String protocol = r.protocolAsString();
            Integer port = r.port();
            if (lb.type.equals("gateway")) {
                if (protocol != null || port != null) {
                    throw ElbErrors.validation("A protocol and port cannot be specified for a Gateway Load Balancer "
                            + "listener");
                }
            } else {
                if (protocol == null) {
                    protocol = lb.type.equals("application") ? "HTTP" : null;
                    if (protocol == null) {
                        throw ElbErrors.validation("A protocol must be specified");
                    }
                }
                if (!(lb.type.equals("application") ? ALB : NLB).contains(protocol)) {
                    throw ElbErrors.of(UnsupportedProtocolException.class, "Protocol '" + protocol
                            + "' is not supported for load balancers of type '" + lb.type + "'");
                }
                if (port == null) {
                    throw ElbErrors.validation("A port must be specified");
                }
            }
            StoredListener l = new StoredListener();
            l.loadBalancerArn = lb.arn;
            l.protocol = protocol;
            l.port = port;
            tls(l, lb, r.sslPolicy(), r.hasCertificates() ? r.certificates() : null,
                    r.hasAlpnPolicy() ? r.alpnPolicy() : null, true);
            l.mutualAuthentication = mutual(place, l, r.mutualAuthentication());
            Actions.check(place, lb, protocol, actions);
            l.defaultActions = Shapes.toJson(actions);
            for (StoredListener other : place.listeners.values()) {
                if (other.loadBalancerArn.equals(lb.arn) && java.util.Objects.equals(other.port, port)) {
                    if (java.util.Objects.equals(other.protocol, l.protocol)
                            && other.defaultActions.equals(l.defaultActions)
                            && other.certificates.equals(l.certificates)) {
                        return CreateListenerResponse.builder().listeners(view(other)).build(); // idempotent
                    }
                    throw ElbErrors.of(DuplicateListenerException.class,
                            "A listener already exists on this port for this load balancer '" + lb.arn + "'");
                }
            }
            if (place.listeners.values().stream().filter(x -> x.loadBalancerArn.equals(lb.arn)).count()
                    >= MAX_LISTENERS) {
                throw ElbErrors.of(TooManyListenersException.class, "You've reached the limit on the number of "
                        + "listeners per load balancer");
            }
            String lbPath = lb.fullName();
            String id = state.context.ids().hex(16);
            l.arn = Arn.of(ElbTags.SERVICE, place.region, place.account, "listener/" + lbPath + "/" + id).toString();
            l.defaultRuleArn = Arn.of(ElbTags.SERVICE, place.region, place.account,
                    "listener-rule/" + lbPath + "/" + id + "/" + state.context.ids().hex(16)).toString();
            l.attributes = defaultAttributes(lb, l.protocol);
            place.listeners.put(l.arn, l);
            ElbTags.register(state.context.registry(), place, l.arn, tags);
            return CreateListenerResponse.builder().listeners(view(l)).build();
        });
    }

    public DescribeListenersResponse describeListeners(DescribeListenersRequest r) {
        List<String> arns = r.hasListenerArns() ? r.listenerArns() : List.of();
        if (arns.isEmpty() == (r.loadBalancerArn() == null)) {
            throw ElbErrors.validation(arns.isEmpty() ? "You must specify either listener ARNs or a load balancer ARN"
                    : "Listener ARNs and a load balancer ARN cannot be specified at the same time");
        }
        List<Listener> found = state.read(place -> {
            List<Listener> out = new ArrayList<>();
            if (!arns.isEmpty()) {
                for (String arn : arns) {
                    out.add(view(find(place, arn)));
                }
            } else {
                LoadBalancers.find(place, r.loadBalancerArn());
                place.listeners.values().stream().filter(l -> l.loadBalancerArn.equals(r.loadBalancerArn()))
                        .forEach(l -> out.add(view(l)));
            }
            return out;
        });
        Pages.Page<Listener> page = Pages.page(found, r.marker(), r.pageSize(), "listener");
        return DescribeListenersResponse.builder().listeners(page.items()).nextMarker(page.nextMarker()).build();
    }

    public ModifyListenerResponse modifyListener(ModifyListenerRequest r) {
        certs.check(r.hasCertificates() ? arns(r.certificates()) : List.of());
        return certs.tracked(state, place -> {
            StoredListener current = find(place, r.listenerArn());
            StoredLoadBalancer lb = LoadBalancers.find(place, current.loadBalancerArn);
            StoredListener l = copy(current);
            if (r.protocol() != null) {
                if (lb.type.equals("gateway") || !(lb.type.equals("application") ? ALB : NLB)
                        .contains(r.protocolAsString())) {
                    throw ElbErrors.of(UnsupportedProtocolException.class, "Protocol '" + r.protocolAsString()
                            + "' is not supported for load balancers of type '" + lb.type + "'");
                }
                l.protocol = r.protocolAsString();
            }
            if (r.port() != null) {
                if (lb.type.equals("gateway")) {
                    throw ElbErrors.validation("A port cannot be specified for a Gateway Load Balancer listener");
                }
                for (StoredListener other : place.listeners.values()) {
                    if (other != current && other.loadBalancerArn.equals(lb.arn) && r.port().equals(other.port)) {
                        throw ElbErrors.of(DuplicateListenerException.class,
                                "A listener already exists on this port for this load balancer '" + lb.arn + "'");
                    }
                }
                l.port = r.port();
            }
            boolean secure = "HTTPS".equals(l.protocol) || "TLS".equals(l.protocol);
            if (!secure) {
                l.sslPolicy = null;
                l.certificates = new ArrayList<>();
                l.alpnPolicy = new ArrayList<>();
            }
            tls(l, lb, r.sslPolicy(), r.hasCertificates() ? r.certificates() : null,
                    r.hasAlpnPolicy() ? r.alpnPolicy() : null, false);
            if (r.mutualAuthentication() != null) {
                l.mutualAuthentication = mutual(place, l, r.mutualAuthentication());
            }
            List<Action> actions = r.hasDefaultActions() ? r.defaultActions()
                    : Shapes.fromJson(current.defaultActions, Action.class);
            Actions.check(place, lb, l.protocol, actions);
            l.defaultActions = Shapes.toJson(actions);
            if (!java.util.Objects.equals(l.protocol, current.protocol)) {
                Map<String, String> fresh = defaultAttributes(lb, l.protocol);
                current.attributes.forEach((k, v) -> fresh.computeIfPresent(k, (kk, old) -> v));
                l.attributes = fresh;
            }
            place.listeners.put(l.arn, l);
            return ModifyListenerResponse.builder().listeners(view(l)).build();
        });
    }

    public DeleteListenerResponse deleteListener(DeleteListenerRequest r) {
        return certs.tracked(state, place -> {
            StoredListener l = place.listeners.get(r.listenerArn());
            if (l == null) {
                checkArn(r.listenerArn());
                throw ElbErrors.of(ListenerNotFoundException.class, "One or more listeners not found");
            }
            place.rules.values().removeIf(rule -> {
                boolean gone = rule.listenerArn.equals(l.arn);
                if (gone) {
                    ElbTags.unregister(state.context.registry(), rule.arn);
                }
                return gone;
            });
            place.listeners.remove(l.arn);
            ElbTags.unregister(state.context.registry(), l.arn);
            return DeleteListenerResponse.builder().build();
        });
    }

    public AddListenerCertificatesResponse addListenerCertificates(AddListenerCertificatesRequest r) {
        certs.check(arns(r.certificates()));
        return certs.tracked(state, place -> {
            StoredListener l = find(place, r.listenerArn());
            if (!"HTTPS".equals(l.protocol) && !"TLS".equals(l.protocol)) {
                throw ElbErrors.validation("Certificates can only be added to HTTPS and TLS listeners");
            }
            List<String> next = new ArrayList<>(l.certificates);
            for (Certificate c : r.certificates()) {
                checkCertificate(c.certificateArn());
                if (Boolean.TRUE.equals(c.isDefault())) {
                    throw ElbErrors.validation("The default certificate is set with ModifyListener, not "
                            + "AddListenerCertificates");
                }
                if (!next.contains(c.certificateArn())) {
                    next.add(c.certificateArn());
                }
            }
            if (next.size() - 1 > MAX_CERTIFICATES) {
                throw ElbErrors.of(TooManyCertificatesException.class, "You've reached the limit on the number of "
                        + "certificates per load balancer");
            }
            l.certificates = next;
            return AddListenerCertificatesResponse.builder().certificates(r.certificates().stream()
                    .map(c -> Certificate.builder().certificateArn(c.certificateArn()).isDefault(false).build())
                    .toList()).build();
        });
    }

    public RemoveListenerCertificatesResponse removeListenerCertificates(RemoveListenerCertificatesRequest r) {
        return certs.tracked(state, place -> {
            StoredListener l = find(place, r.listenerArn());
            List<String> next = new ArrayList<>(l.certificates);
            for (Certificate c : r.certificates()) {
                if (!next.isEmpty() && next.get(0).equals(c.certificateArn())) {
                    throw ElbErrors.of(OperationNotPermittedException.class,
                            "The default certificate of a listener cannot be removed");
                }
                next.remove(c.certificateArn());
            }
            l.certificates = next;
            return RemoveListenerCertificatesResponse.builder().build();
        });
    }

    public DescribeListenerCertificatesResponse describeListenerCertificates(DescribeListenerCertificatesRequest r) {
        List<Certificate> all = state.read(place -> {
            StoredListener l = find(place, r.listenerArn());
            List<Certificate> out = new ArrayList<>();
            for (int i = 0; i < l.certificates.size(); i++) {
                out.add(Certificate.builder().certificateArn(l.certificates.get(i)).isDefault(i == 0).build());
            }
            return out;
        });
        Pages.Page<Certificate> page = Pages.page(all, r.marker(), r.pageSize(), "certificate");
        return DescribeListenerCertificatesResponse.builder().certificates(page.items())
                .nextMarker(page.nextMarker()).build();
    }

    public DescribeListenerAttributesResponse describeListenerAttributes(DescribeListenerAttributesRequest r) {
        return state.read(place -> DescribeListenerAttributesResponse.builder()
                .attributes(attributes(find(place, r.listenerArn()).attributes)).build());
    }

    public ModifyListenerAttributesResponse modifyListenerAttributes(ModifyListenerAttributesRequest r) {
        return state.write(place -> {
            StoredListener l = find(place, r.listenerArn());
            Map<String, String> next = new LinkedHashMap<>(l.attributes);
            for (ListenerAttribute a : r.attributes()) {
                String value = a.value() == null ? "" : a.value();
                if (!next.containsKey(a.key())) {
                    throw ElbErrors.validation("Listener attribute key '" + a.key() + "' is not recognized");
                }
                if (a.key().equals("tcp.idle_timeout.seconds")) {
                    try {
                        int v = Integer.parseInt(value);
                        if (v < 60 || v > 6000) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        throw ElbErrors.validation("The value of 'tcp.idle_timeout.seconds' must be between 60 and 6000");
                    }
                } else if (a.key().endsWith(".enabled") && !value.equals("true") && !value.equals("false")) {
                    throw ElbErrors.validation("'" + value + "' is not a valid value for listener attribute '"
                            + a.key() + "'");
                }
                next.put(a.key(), value);
            }
            l.attributes = next;
            return ModifyListenerAttributesResponse.builder().attributes(attributes(next)).build();
        });
    }

    /** The documented listener attributes of a listener's protocol, with their defaults. */
    private static Map<String, String> defaultAttributes(StoredLoadBalancer lb, String protocol) {
        Map<String, String> m = new LinkedHashMap<>();
        if (lb.type.equals("network") && "TCP".equals(protocol)) {
            m.put("tcp.idle_timeout.seconds", "350");
        } else if (lb.type.equals("application")) {
            if ("HTTPS".equals(protocol)) {
                for (String h : new String[] {"x_amzn_mtls_clientcert_serial_number", "x_amzn_mtls_clientcert_issuer",
                        "x_amzn_mtls_clientcert_subject", "x_amzn_mtls_clientcert_validity",
                        "x_amzn_mtls_clientcert_leaf", "x_amzn_mtls_clientcert", "x_amzn_tls_version",
                        "x_amzn_tls_cipher_suite"}) {
                    m.put("routing.http.request." + h + ".header_name", "");
                }
            }
            m.put("routing.http.response.server.enabled", "true");
            for (String h : new String[] {"strict_transport_security", "access_control_allow_origin",
                    "access_control_allow_methods", "access_control_allow_headers", "access_control_allow_credentials",
                    "access_control_expose_headers", "access_control_max_age", "content_security_policy",
                    "x_content_type_options", "x_frame_options"}) {
                m.put("routing.http.response." + h + ".header_value", "");
            }
        }
        return m;
    }

    /** Security policy, certificates and ALPN policy of an HTTPS or TLS listener (and none for others). */
    private static void tls(StoredListener l, StoredLoadBalancer lb, String sslPolicy, List<Certificate> certificates,
            List<String> alpn, boolean create) {
        boolean secure = "HTTPS".equals(l.protocol) || "TLS".equals(l.protocol);
        if (!secure) {
            if (sslPolicy != null || certificates != null && !certificates.isEmpty()) {
                throw ElbErrors.validation("A certificate and a security policy can only be specified for HTTPS and "
                        + "TLS listeners");
            }
            if (alpn != null && !alpn.isEmpty()) {
                throw ElbErrors.validation("An ALPN policy can only be specified for TLS listeners");
            }
            return;
        }
        if (sslPolicy != null) {
            if (!SslPolicies.names().contains(sslPolicy)) {
                throw ElbErrors.of(SslPolicyNotFoundException.class, "SSL policy '" + sslPolicy + "' not found");
            }
            l.sslPolicy = sslPolicy;
        } else if (l.sslPolicy == null) {
            l.sslPolicy = DEFAULT_SSL_POLICY;
        }
        if (certificates != null && !certificates.isEmpty()) {
            if (certificates.size() != 1) {
                throw ElbErrors.validation("Exactly one default certificate must be specified");
            }
            String arn = certificates.get(0).certificateArn();
            checkCertificate(arn);
            List<String> next = new ArrayList<>(l.certificates);
            if (!next.isEmpty()) {
                next.remove(0);
            }
            next.remove(arn);
            next.add(0, arn);
            l.certificates = next;
        }
        if (l.certificates.isEmpty()) {
            throw ElbErrors.validation("A certificate must be specified for " + l.protocol + " listeners");
        }
        if (alpn != null && !alpn.isEmpty()) {
            if (!"TLS".equals(l.protocol)) {
                throw ElbErrors.validation("An ALPN policy can only be specified for TLS listeners");
            }
            if (alpn.size() != 1 || !ALPN.contains(alpn.get(0))) {
                throw ElbErrors.of(AlpnPolicyNotSupportedException.class, "ALPN policy '" + alpn + "' is not "
                        + "supported");
            }
            l.alpnPolicy = new ArrayList<>(alpn);
        }
    }

    /**
     * A certificate must be an ACM certificate or an IAM server certificate ARN; {@link Certificates} then asks ACM
     * about the former.
     */
    static void checkCertificate(String arn) {
        if (arn == null || !(arn.matches("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+")
                || arn.matches("arn:aws[a-z-]*:iam::\\d{12}:server-certificate/.+"))) {
            throw ElbErrors.of(CertificateNotFoundException.class, "Certificate '" + arn + "' not found");
        }
    }

    /**
     * A listener's mutual TLS settings (HTTPS listeners only): {@code off} and {@code passthrough} keep the mode
     * alone; {@code verify} needs the ARN of an {@code ACTIVE} trust store of the caller's ({@code TrustStoreNotFound},
     * {@code TrustStoreNotReady} while it is {@code CREATING}) and keeps {@code IgnoreClientCertificateExpiry}
     * (default false) and {@code AdvertiseTrustStoreCaNames} ({@code on}/{@code off}, default off).
     */
    private com.fasterxml.jackson.databind.JsonNode mutual(ElbState.Place place, StoredListener l,
            MutualAuthenticationAttributes m) {
        if (m == null) {
            return null;
        }
        if (!"HTTPS".equals(l.protocol)) {
            throw ElbErrors.validation("Mutual authentication can only be configured for HTTPS listeners");
        }
        String mode = m.mode() == null ? "off" : m.mode();
        if (!Set.of("off", "passthrough", "verify").contains(mode)) {
            throw ElbErrors.validation("Mutual authentication mode '" + mode + "' is not valid");
        }
        MutualAuthenticationAttributes.Builder b = MutualAuthenticationAttributes.builder().mode(mode);
        if (mode.equals("verify")) {
            if (m.trustStoreArn() == null || m.trustStoreArn().isEmpty()) {
                throw ElbErrors.validation("A trust store ARN must be specified when the mutual authentication mode "
                        + "is 'verify'");
            }
            StoredTrustStore ts = TrustStores.find(place, m.trustStoreArn());
            if (!"ACTIVE".equals(ts.status(state.context.clock().now()))) {
                throw ElbErrors.of(TrustStoreNotReadyException.class, "Trust store '" + ts.arn + "' is not active");
            }
            String advertise = m.advertiseTrustStoreCaNamesAsString() == null ? "off"
                    : m.advertiseTrustStoreCaNamesAsString();
            if (!advertise.equals("on") && !advertise.equals("off")) {
                throw ElbErrors.validation("'" + advertise + "' is not a valid value for AdvertiseTrustStoreCaNames: "
                        + "on or off");
            }
            b.trustStoreArn(ts.arn).ignoreClientCertificateExpiry(Boolean.TRUE.equals(
                    m.ignoreClientCertificateExpiry())).advertiseTrustStoreCaNames(advertise);
        }
        return io.gureum.core.persist.SdkJson.toJson(b.build());
    }

    private static StoredListener copy(StoredListener c) {
        StoredListener l = new StoredListener();
        l.arn = c.arn;
        l.loadBalancerArn = c.loadBalancerArn;
        l.port = c.port;
        l.protocol = c.protocol;
        l.sslPolicy = c.sslPolicy;
        l.certificates = new ArrayList<>(c.certificates);
        l.defaultActions = c.defaultActions;
        l.alpnPolicy = new ArrayList<>(c.alpnPolicy);
        l.mutualAuthentication = c.mutualAuthentication;
        l.defaultRuleArn = c.defaultRuleArn;
        l.attributes = new LinkedHashMap<>(c.attributes);
        return l;
    }

    static StoredListener find(ElbState.Place place, String arn) {
        StoredListener l = place.listeners.get(arn);
        if (l == null) {
            checkArn(arn);
            throw ElbErrors.of(ListenerNotFoundException.class, "One or more listeners not found");
        }
        return l;
    }

    static void checkArn(String arn) {
        if (!arn.startsWith("arn:") || !arn.contains(":listener/")) {
            throw ElbErrors.validation("'" + arn + "' is not a valid listener ARN");
        }
    }

    private static List<ListenerAttribute> attributes(Map<String, String> m) {
        return m.entrySet().stream().map(e -> ListenerAttribute.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    static Listener view(StoredListener l) {
        Listener.Builder b = Listener.builder().listenerArn(l.arn).loadBalancerArn(l.loadBalancerArn).port(l.port)
                .protocol(l.protocol).sslPolicy(l.sslPolicy)
                .defaultActions(Shapes.fromJson(l.defaultActions, Action.class));
        if (!l.certificates.isEmpty()) {
            b.certificates(Certificate.builder().certificateArn(l.certificates.get(0)).build());
        }
        if (!l.alpnPolicy.isEmpty()) {
            b.alpnPolicy(l.alpnPolicy);
        }
        if (l.mutualAuthentication != null && !l.mutualAuthentication.isNull()) {
            MutualAuthenticationAttributes m = io.gureum.core.persist.SdkJson.fromJson(l.mutualAuthentication,
                    MutualAuthenticationAttributes.class);
            if (m.trustStoreArn() != null) {
                // The trust store is the listener's own account's (no RAM sharing), so the association is active.
                m = m.toBuilder().trustStoreAssociationStatus("active").build();
            }
            b.mutualAuthentication(m);
        }
        return b.build();
    }
}
