package io.gureum.sns;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sns.model.CreatePlatformApplicationRequest;
import software.amazon.awssdk.services.sns.model.CreatePlatformApplicationResponse;
import software.amazon.awssdk.services.sns.model.CreatePlatformEndpointRequest;
import software.amazon.awssdk.services.sns.model.CreatePlatformEndpointResponse;
import software.amazon.awssdk.services.sns.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sns.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.sns.model.DeletePlatformApplicationRequest;
import software.amazon.awssdk.services.sns.model.DeletePlatformApplicationResponse;
import software.amazon.awssdk.services.sns.model.Endpoint;
import software.amazon.awssdk.services.sns.model.GetEndpointAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetEndpointAttributesResponse;
import software.amazon.awssdk.services.sns.model.GetPlatformApplicationAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetPlatformApplicationAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListEndpointsByPlatformApplicationRequest;
import software.amazon.awssdk.services.sns.model.ListEndpointsByPlatformApplicationResponse;
import software.amazon.awssdk.services.sns.model.ListPlatformApplicationsRequest;
import software.amazon.awssdk.services.sns.model.ListPlatformApplicationsResponse;
import software.amazon.awssdk.services.sns.model.PlatformApplication;
import software.amazon.awssdk.services.sns.model.SetEndpointAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetEndpointAttributesResponse;
import software.amazon.awssdk.services.sns.model.SetPlatformApplicationAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetPlatformApplicationAttributesResponse;

/**
 * Mobile push: platform applications and their endpoints, stored and validated; messages to endpoints
 * are recorded for the inspection endpoints, never sent. The credentials of a platform application are
 * kept but, as in AWS, never returned.
 */
final class PlatformApplications {
    private static final Set<String> PLATFORMS = Set.of("ADM", "APNS", "APNS_SANDBOX", "GCM", "BAIDU", "MPNS", "WNS");
    private static final Set<String> SECRET = Set.of("PlatformCredential", "PlatformPrincipal");

    private final ServiceContext context;
    private final PlatformStore store;

    PlatformApplications(ServiceContext context, PlatformStore store) {
        this.context = context;
        this.store = store;
    }

    public CreatePlatformApplicationResponse createPlatformApplication(CreatePlatformApplicationRequest request) {
        RequestContext ctx = RequestContext.current();
        if (request.name() == null || !request.name().matches("[A-Za-z0-9_.-]{1,256}")) {
            throw SnsErrors.invalidParameter("Name");
        }
        if (request.platform() == null || !PLATFORMS.contains(request.platform())) {
            throw SnsErrors.invalidParameter("Platform");
        }
        Map<String, String> attrs = new LinkedHashMap<>(request.attributes());
        if (!request.platform().startsWith("APNS") && attrs.get("PlatformCredential") == null) {
            throw SnsErrors.invalidParameter("Attributes Reason: PlatformCredential attribute is required");
        }
        String arn = Arn.of("sns", ctx.region(), ctx.accountId(),
                "app/" + request.platform() + "/" + request.name()).toString();
        store.state().applications.put(arn, attrs);
        return CreatePlatformApplicationResponse.builder().platformApplicationArn(arn).build();
    }

    private Map<String, String> application(String arn) {
        Map<String, String> a = arn == null ? null : store.stateOf(arn).applications.get(arn);
        if (a == null) {
            throw SnsErrors.notFound("PlatformApplication does not exist");
        }
        return a;
    }

    public DeletePlatformApplicationResponse deletePlatformApplication(DeletePlatformApplicationRequest request) {
        String arn = request.platformApplicationArn();
        if (arn != null && SnsStore.parse(arn) != null) {
            PlatformStore.State s = store.stateOf(arn);
            s.applications.remove(arn);
            s.endpointApplication.entrySet().removeIf(e -> {
                if (e.getValue().equals(arn)) {
                    s.endpoints.remove(e.getKey());
                    return true;
                }
                return false;
            });
        }
        return DeletePlatformApplicationResponse.builder().build();
    }

    public GetPlatformApplicationAttributesResponse getPlatformApplicationAttributes(
            GetPlatformApplicationAttributesRequest request) {
        Map<String, String> out = new LinkedHashMap<>(application(request.platformApplicationArn()));
        out.keySet().removeAll(SECRET);
        out.putIfAbsent("Enabled", "true");
        return GetPlatformApplicationAttributesResponse.builder().attributes(out).build();
    }

    public SetPlatformApplicationAttributesResponse setPlatformApplicationAttributes(
            SetPlatformApplicationAttributesRequest request) {
        application(request.platformApplicationArn()).putAll(request.attributes());
        return SetPlatformApplicationAttributesResponse.builder().build();
    }

    public ListPlatformApplicationsResponse listPlatformApplications(ListPlatformApplicationsRequest request) {
        List<PlatformApplication> apps = new ArrayList<>();
        store.state().applications.forEach((arn, attrs) -> {
            Map<String, String> visible = new LinkedHashMap<>(attrs);
            visible.keySet().removeAll(SECRET);
            apps.add(PlatformApplication.builder().platformApplicationArn(arn).attributes(visible).build());
        });
        apps.sort((a, b) -> a.platformApplicationArn().compareTo(b.platformApplicationArn()));
        Pages.Page<PlatformApplication> page = Pages.page(apps, request.nextToken(), x -> x);
        return ListPlatformApplicationsResponse.builder().platformApplications(page.items()).nextToken(page.next())
                .build();
    }

    public CreatePlatformEndpointResponse createPlatformEndpoint(CreatePlatformEndpointRequest request) {
        String appArn = request.platformApplicationArn();
        application(appArn);
        if (request.token() == null || request.token().isEmpty()) {
            throw SnsErrors.invalidParameter("Token");
        }
        PlatformStore.State s = store.stateOf(appArn);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("Enabled", "true");
        attrs.put("Token", request.token());
        if (request.customUserData() != null) {
            attrs.put("CustomUserData", request.customUserData());
        }
        attrs.putAll(request.attributes());
        synchronized (s) {
            for (Map.Entry<String, String> e : s.endpointApplication.entrySet()) {
                Map<String, String> existing = s.endpoints.get(e.getKey());
                if (e.getValue().equals(appArn) && existing != null && request.token().equals(existing.get("Token"))) {
                    if (!existing.equals(attrs)) {
                        throw SnsErrors.invalidParameter("Token Reason: Endpoint " + e.getKey()
                                + " already exists with the same Token, but different attributes.");
                    }
                    return CreatePlatformEndpointResponse.builder().endpointArn(e.getKey()).build();
                }
            }
            Arn app = Arn.parse(appArn);
            String arn = Arn.of("sns", app.region(), app.accountId(), "endpoint/"
                    + app.resource().substring("app/".length()) + "/" + context.ids().requestId()).toString();
            s.endpoints.put(arn, attrs);
            s.endpointApplication.put(arn, appArn);
            return CreatePlatformEndpointResponse.builder().endpointArn(arn).build();
        }
    }

    private Map<String, String> endpoint(String arn) {
        Map<String, String> e = arn == null ? null : store.stateOf(arn).endpoints.get(arn);
        if (e == null) {
            throw SnsErrors.notFound("Endpoint does not exist");
        }
        return e;
    }

    public DeleteEndpointResponse deleteEndpoint(DeleteEndpointRequest request) {
        String arn = request.endpointArn();
        if (arn != null && SnsStore.parse(arn) != null) {
            store.stateOf(arn).endpoints.remove(arn);
            store.stateOf(arn).endpointApplication.remove(arn);
        }
        return DeleteEndpointResponse.builder().build();
    }

    public GetEndpointAttributesResponse getEndpointAttributes(GetEndpointAttributesRequest request) {
        return GetEndpointAttributesResponse.builder().attributes(endpoint(request.endpointArn())).build();
    }

    public SetEndpointAttributesResponse setEndpointAttributes(SetEndpointAttributesRequest request) {
        endpoint(request.endpointArn()).putAll(request.attributes());
        return SetEndpointAttributesResponse.builder().build();
    }

    public ListEndpointsByPlatformApplicationResponse listEndpointsByPlatformApplication(
            ListEndpointsByPlatformApplicationRequest request) {
        String appArn = request.platformApplicationArn();
        application(appArn);
        PlatformStore.State s = store.stateOf(appArn);
        List<Endpoint> out = new ArrayList<>();
        s.endpointApplication.forEach((arn, app) -> {
            if (app.equals(appArn) && s.endpoints.containsKey(arn)) {
                out.add(Endpoint.builder().endpointArn(arn).attributes(s.endpoints.get(arn)).build());
            }
        });
        out.sort((a, b) -> a.endpointArn().compareTo(b.endpointArn()));
        Pages.Page<Endpoint> page = Pages.page(out, request.nextToken(), x -> x);
        return ListEndpointsByPlatformApplicationResponse.builder().endpoints(page.items()).nextToken(page.next())
                .build();
    }
}
