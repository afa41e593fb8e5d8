package io.gureum.core.dispatch;

import io.gureum.core.auth.SignatureInfo;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.S3Addressing;
import io.gureum.core.protocol.ServiceModel;
import java.util.List;

/**
 * Picks the service a request is for: the SigV4 signing name first, then {@code X-Amz-Target}, then an
 * S3 virtual host, then a query {@code Action} (with {@code Version}), and S3 last, as AWS's own
 * endpoints would by host name. Unsigned calls (STS AssumeRoleWithWebIdentity, anonymous S3) need the
 * fallbacks.
 */
final class ServiceRouter {
    private final ServiceRegistry registry;

    ServiceRouter(ServiceRegistry registry) {
        this.registry = registry;
    }

    LoadedService route(AwsHttpRequest request, SignatureInfo signature) {
        String target = request.header("X-Amz-Target");
        if (signature != null && signature.service() != null) {
            List<LoadedService> signed = registry.bySigningName(signature.service());
            if (signed.size() == 1) {
                return signed.get(0);
            } else if (!signed.isEmpty()) {
                LoadedService byTarget = byTargetPrefix(signed, target);
                return byTarget != null ? byTarget : signed.get(0);
            }
        }
        if (target != null) {
            LoadedService s = byTargetPrefix(registry.all(), target);
            if (s != null) {
                return s;
            }
        }
        if (S3Addressing.virtualHostBucket(request.header("Host")) != null) {
            LoadedService s3 = registry.byName("s3");
            if (s3 != null) {
                return s3;
            }
        }
        String action = action(request);
        if (action != null) {
            String version = version(request);
            LoadedService byAction = null;
            for (LoadedService s : registry.all()) {
                ServiceModel m = s.model();
                String p = m.protocol();
                if ((p.equals("query") || p.equals("ec2") || m.index().awsQueryCompatible()) && m.hasWireName(action)) {
                    if (version == null || version.equals(m.index().apiVersion())) {
                        return s;
                    }
                    byAction = byAction == null ? s : byAction;
                }
            }
            if (byAction != null) {
                return byAction;
            }
        }
        return registry.byName("s3");
    }

    private static LoadedService byTargetPrefix(List<LoadedService> services, String target) {
        if (target == null) {
            return null;
        }
        int dot = target.indexOf('.');
        String prefix = dot < 0 ? target : target.substring(0, dot);
        for (LoadedService s : services) {
            if (prefix.equals(s.model().index().targetPrefix())) {
                return s;
            }
        }
        return null;
    }

    private static String action(AwsHttpRequest request) {
        return first(request, "Action");
    }

    private static String version(AwsHttpRequest request) {
        return first(request, "Version");
    }

    private static String first(AwsHttpRequest request, String name) {
        List<String> values = request.formParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
