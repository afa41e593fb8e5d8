package io.gureum.core.dispatch;

import io.gureum.core.auth.SignatureInfo;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.protocol.AwsProtocols;
import io.gureum.core.protocol.ServiceModel;
import java.util.List;

/**
 * Picks the API a request is for, as AWS's endpoints would: the SigV4 signing name first, then the
 * {@code X-Amz-Target} prefix, then an API that claims the request by its Host or path
 * ({@link io.gureum.core.spi.ProtocolQuirks#claims}), then a query {@code Action} (with {@code Version}).
 * When no served API matches, {@link #unserved} names the AWS API the request is for, from the same clues
 * and the Host, so that core answers in that API's protocol; only a request nothing identifies goes to the
 * API that {@link io.gureum.core.spi.ProtocolQuirks#takesUnidentified() takes the unidentified}. Unsigned
 * calls (STS AssumeRoleWithWebIdentity, anonymous S3) need the fallbacks.
 */
final class ServiceRouter {
    private static final String RPC_V2_PATH = "/service/";

    private final ServiceRegistry registry;

    ServiceRouter(ServiceRegistry registry) {
        this.registry = registry;
    }

    LoadedService route(AwsHttpRequest request, SignatureInfo signature) {
        String target = request.header("X-Amz-Target");
        if (signature != null && signature.service() != null) {
            List<LoadedService> signed = registry.bySigningName(signature.service());
            if (signed.size() == 1) {
                return otherApiOfSigningName(request, signature) ? null : signed.get(0);
            } else if (!signed.isEmpty()) {
                LoadedService byTarget = byTargetPrefix(signed, target);
                if (byTarget != null) {
                    return byTarget;
                }
                // One signing name, two REST APIs (S3 and S3 Control both sign as s3): the one whose path it is.
                for (LoadedService s : signed) {
                    if (s.quirks().claims(request)) {
                        return s;
                    }
                }
                return signed.get(0);
            }
        }
        if (target != null) {
            LoadedService s = byTargetPrefix(registry.all(), target);
            if (s != null) {
                return s;
            }
        }
        for (LoadedService s : registry.all()) {
            if (s.quirks().claims(request)) {
                return s;
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
        AwsProtocols.Api named = identify(request, signature);
        if (named != null) {
            // An unsigned rpcv2Cbor call or a request to a served API's AWS host name goes to that API;
            // an API no enabled module serves is answered in its own protocol (the caller asks unserved()).
            return servedAs(named);
        }
        for (LoadedService s : registry.all()) {
            if (s.quirks().takesUnidentified()) {
                return s;
            }
        }
        return null;
    }

    /**
     * Whether a request signed for a name several AWS APIs share names, by its query {@code Version}, one that is
     * not the served one: classic ELB (2012-06-01) beside ELB v2 (2015-12-01), both {@code elasticloadbalancing},
     * with operations of the same names and different shapes.
     */
    private boolean otherApiOfSigningName(AwsHttpRequest request, SignatureInfo signature) {
        if (AwsProtocols.get().bySigningName(signature.service()).size() < 2) {
            return false;
        }
        String version = version(request);
        if (version == null) {
            return false;
        }
        AwsProtocols.Api named = identify(request, signature);
        return named != null && version.equals(named.apiVersion()) && servedAs(named) == null;
    }

    /** The AWS API a request names that no enabled module serves, or null. */
    AwsProtocols.Api unserved(AwsHttpRequest request, SignatureInfo signature) {
        AwsProtocols.Api named = identify(request, signature);
        return named == null || servedAs(named) != null ? null : named;
    }

    /**
     * The AWS API a request names, served or not, from AWS's data: by signing name, then
     * {@code X-Amz-Target} prefix, then rpcv2Cbor path ({@code /service/<Service>/operation/<Op>}), then Host.
     */
    private static AwsProtocols.Api identify(AwsHttpRequest request, SignatureInfo signature) {
        AwsProtocols protocols = AwsProtocols.get();
        String prefix = targetPrefix(request.header("X-Amz-Target"));
        if (signature != null && signature.service() != null) {
            AwsProtocols.Api api = AwsProtocols.pick(protocols.bySigningName(signature.service()), prefix,
                    version(request), request.header("Host"));
            if (api != null) {
                return api;
            }
        }
        AwsProtocols.Api byTarget = protocols.byTargetPrefix(prefix);
        if (byTarget == null) {
            byTarget = protocols.byTargetPrefix(rpcV2Service(request.rawPath()));
        }
        return byTarget != null ? byTarget : protocols.byHost(request.header("Host"));
    }

    /** The enabled API that answers for an AWS API (same signing name and, where both know it, target prefix). */
    private LoadedService servedAs(AwsProtocols.Api api) {
        for (LoadedService s : registry.bySigningName(api.signingName())) {
            String served = s.model().index().targetPrefix();
            if ((api.targetPrefix() == null || served == null || served.equals(api.targetPrefix()))
                    && sameQueryVersion(api, s)) {
                return s;
            }
        }
        return null;
    }

    /** A query API's version, where both know it, tells two APIs of one signing name apart (ELB and ELB v2). */
    private static boolean sameQueryVersion(AwsProtocols.Api api, LoadedService s) {
        String served = s.model().index().apiVersion();
        return !"query".equals(api.protocol()) || api.apiVersion() == null || served == null
                || api.apiVersion().equals(served);
    }

    /**
     * The error for a request no enabled API serves: 501 naming the AWS API it is for (saying so when its
     * module is on the class path but not enabled), or 400 {@code UnknownService} when nothing names one.
     */
    io.gureum.core.error.AwsException notServed(AwsProtocols.Api api) {
        if (api == null) {
            return new io.gureum.core.error.AwsException("UnknownService", "No enabled service serves this request",
                    400);
        }
        // An API sharing its signing name with another is named by its own name and version (classic ELB).
        String name = "query".equals(api.protocol()) && api.apiVersion() != null
                && AwsProtocols.get().bySigningName(api.signingName()).size() > 1
                ? api.serviceId() + " (" + api.signingName() + ", API version " + api.apiVersion() + ")"
                : api.signingName();
        return registry.disabled(api.signingName()) ? CommonErrors.notEnabled(name) : CommonErrors.notEmulated(name);
    }

    private static String rpcV2Service(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(RPC_V2_PATH)) {
            return null;
        }
        int end = rawPath.indexOf('/', RPC_V2_PATH.length());
        return end < 0 ? null : rawPath.substring(RPC_V2_PATH.length(), end);
    }

    private static String targetPrefix(String target) {
        if (target == null) {
            return null;
        }
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(0, dot);
    }

    private static LoadedService byTargetPrefix(List<LoadedService> services, String target) {
        if (target == null) {
            return null;
        }
        int dot = target.indexOf('.');
        int length = dot < 0 ? target.length() : dot;
        // The prefix compared in place (targetPrefix's substring was a copy per request).
        for (LoadedService s : services) {
            String prefix = s.model().index().targetPrefix();
            if (prefix != null && prefix.length() == length && target.startsWith(prefix)) {
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
