package io.gureum.elb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Cipher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/**
 * A subset of the predefined security policies AWS publishes
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html), with their
 * protocols and ciphers in priority order. Listeners accept only these names.
 */
final class SslPolicies {
    private static final List<String> TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    private static final List<String> ECDHE_GCM = List.of("ECDHE-ECDSA-AES128-GCM-SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256");
    private static final List<String> ECDHE_GCM_256 = List.of("ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384");
    private static final List<String> ECDHE_SHA256 = List.of("ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256");
    private static final List<String> ECDHE_SHA384 = List.of("ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384");
    private static final List<String> ECDHE_SHA = List.of("ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA");
    private static final List<String> ECDHE_SHA_256 = List.of("ECDHE-RSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA");
    private static final List<String> PLAIN = List.of("AES128-GCM-SHA256", "AES128-SHA256", "AES128-SHA",
            "AES256-GCM-SHA384", "AES256-SHA256", "AES256-SHA");

    record Policy(List<String> protocols, List<String> ciphers) {
    }

    private static final Map<String, Policy> POLICIES = new LinkedHashMap<>();

    static {
        List<String> classic = concat(ECDHE_GCM, ECDHE_SHA256, ECDHE_SHA, ECDHE_GCM_256, ECDHE_SHA384, ECDHE_SHA_256,
                PLAIN);
        POLICIES.put("ELBSecurityPolicy-2016-08", new Policy(List.of("TLSv1", "TLSv1.1", "TLSv1.2"), classic));
        POLICIES.put("ELBSecurityPolicy-TLS-1-1-2017-01", new Policy(List.of("TLSv1.1", "TLSv1.2"), classic));
        POLICIES.put("ELBSecurityPolicy-TLS-1-2-2017-01", new Policy(List.of("TLSv1.2"),
                concat(ECDHE_GCM, ECDHE_SHA256, ECDHE_GCM_256, ECDHE_SHA384,
                        List.of("AES128-GCM-SHA256", "AES128-SHA256", "AES256-GCM-SHA384", "AES256-SHA256"))));
        POLICIES.put("ELBSecurityPolicy-TLS-1-2-Ext-2018-06", new Policy(List.of("TLSv1.2"), classic));
        POLICIES.put("ELBSecurityPolicy-FS-1-2-Res-2020-10", new Policy(List.of("TLSv1.2"),
                concat(ECDHE_GCM, ECDHE_GCM_256)));
        POLICIES.put("ELBSecurityPolicy-TLS13-1-2-2021-06", new Policy(List.of("TLSv1.2", "TLSv1.3"),
                concat(TLS13, ECDHE_GCM, ECDHE_SHA256, ECDHE_GCM_256, ECDHE_SHA384)));
        POLICIES.put("ELBSecurityPolicy-TLS13-1-2-Res-2021-06", new Policy(List.of("TLSv1.2", "TLSv1.3"),
                concat(TLS13, ECDHE_GCM, ECDHE_GCM_256)));
        POLICIES.put("ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", new Policy(List.of("TLSv1.2", "TLSv1.3"),
                concat(TLS13, ECDHE_GCM, ECDHE_SHA256, ECDHE_GCM_256, ECDHE_SHA384, PLAIN.subList(0, 2),
                        PLAIN.subList(3, 5))));
        POLICIES.put("ELBSecurityPolicy-TLS13-1-3-2021-06", new Policy(List.of("TLSv1.3"), TLS13));
    }

    private SslPolicies() {
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return List.copyOf(all);
    }

    static Set<String> names() {
        return POLICIES.keySet();
    }

    /** The policies, as DescribeSSLPolicies answers them; TLS 1.3 policies apply to Network Load Balancers too. */
    static List<SslPolicy> all(String loadBalancerType) {
        List<SslPolicy> out = new ArrayList<>();
        POLICIES.forEach((name, p) -> {
            List<String> types = List.of("application", "network");
            if (loadBalancerType != null && !types.contains(loadBalancerType)) {
                return;
            }
            List<Cipher> ciphers = new ArrayList<>();
            for (int i = 0; i < p.ciphers().size(); i++) {
                ciphers.add(Cipher.builder().name(p.ciphers().get(i)).priority(i + 1).build());
            }
            out.add(SslPolicy.builder().name(name).sslProtocols(p.protocols()).ciphers(ciphers)
                    .supportedLoadBalancerTypes(types).build());
        });
        return out;
    }
}
