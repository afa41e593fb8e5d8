package io.gureum.sns;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sns.model.CheckIfPhoneNumberIsOptedOutRequest;
import software.amazon.awssdk.services.sns.model.CheckIfPhoneNumberIsOptedOutResponse;
import software.amazon.awssdk.services.sns.model.CreatePlatformApplicationRequest;
import software.amazon.awssdk.services.sns.model.CreatePlatformApplicationResponse;
import software.amazon.awssdk.services.sns.model.CreatePlatformEndpointRequest;
import software.amazon.awssdk.services.sns.model.CreatePlatformEndpointResponse;
import software.amazon.awssdk.services.sns.model.CreateSmsSandboxPhoneNumberRequest;
import software.amazon.awssdk.services.sns.model.CreateSmsSandboxPhoneNumberResponse;
import software.amazon.awssdk.services.sns.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.sns.model.DeleteEndpointResponse;
import software.amazon.awssdk.services.sns.model.DeletePlatformApplicationRequest;
import software.amazon.awssdk.services.sns.model.DeletePlatformApplicationResponse;
import software.amazon.awssdk.services.sns.model.DeleteSmsSandboxPhoneNumberRequest;
import software.amazon.awssdk.services.sns.model.DeleteSmsSandboxPhoneNumberResponse;
import software.amazon.awssdk.services.sns.model.Endpoint;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.GetEndpointAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetEndpointAttributesResponse;
import software.amazon.awssdk.services.sns.model.GetPlatformApplicationAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetPlatformApplicationAttributesResponse;
import software.amazon.awssdk.services.sns.model.GetSmsAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetSmsAttributesResponse;
import software.amazon.awssdk.services.sns.model.GetSmsSandboxAccountStatusRequest;
import software.amazon.awssdk.services.sns.model.GetSmsSandboxAccountStatusResponse;
import software.amazon.awssdk.services.sns.model.ListEndpointsByPlatformApplicationRequest;
import software.amazon.awssdk.services.sns.model.ListEndpointsByPlatformApplicationResponse;
import software.amazon.awssdk.services.sns.model.ListPhoneNumbersOptedOutRequest;
import software.amazon.awssdk.services.sns.model.ListPhoneNumbersOptedOutResponse;
import software.amazon.awssdk.services.sns.model.ListPlatformApplicationsRequest;
import software.amazon.awssdk.services.sns.model.ListPlatformApplicationsResponse;
import software.amazon.awssdk.services.sns.model.ListSmsSandboxPhoneNumbersRequest;
import software.amazon.awssdk.services.sns.model.ListSmsSandboxPhoneNumbersResponse;
import software.amazon.awssdk.services.sns.model.OptInPhoneNumberRequest;
import software.amazon.awssdk.services.sns.model.OptInPhoneNumberResponse;
import software.amazon.awssdk.services.sns.model.PlatformApplication;
import software.amazon.awssdk.services.sns.model.SetEndpointAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetEndpointAttributesResponse;
import software.amazon.awssdk.services.sns.model.SetPlatformApplicationAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetPlatformApplicationAttributesResponse;
import software.amazon.awssdk.services.sns.model.SetSmsAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetSmsAttributesResponse;
import software.amazon.awssdk.services.sns.model.SMSSandboxPhoneNumber;
import software.amazon.awssdk.services.sns.model.VerifySmsSandboxPhoneNumberRequest;
import software.amazon.awssdk.services.sns.model.VerifySmsSandboxPhoneNumberResponse;

/**
 * Mobile push (platform applications and endpoints) and SMS settings: stored and validated; messages
 * to phones and endpoints are recorded for the inspection endpoints, never sent. The credentials of a
 * platform application are kept but, as in AWS, never returned.
 */
abstract class Platforms {
    private static final Set<String> PLATFORMS = Set.of("ADM", "APNS", "APNS_SANDBOX", "GCM", "BAIDU", "MPNS", "WNS");
    private static final Set<String> SECRET = Set.of("PlatformCredential", "PlatformPrincipal");
    private static final java.util.regex.Pattern PHONE_NUMBER = java.util.regex.Pattern.compile("\\+?[0-9]{1,15}");

    private static final class State {
        final Map<String, Map<String, String>> applications = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> endpoints = new ConcurrentHashMap<>();
        final Map<String, String> endpointApplication = new ConcurrentHashMap<>();
        final Set<String> optedOut = ConcurrentHashMap.newKeySet();
        final Map<String, String> smsAttributes = new ConcurrentHashMap<>();
        final Map<String, String> sandboxNumbers = new ConcurrentHashMap<>();
    }

    private final ServiceContext context;
    private final AccountRegionStore<State> states = new AccountRegionStore<>((a, r) -> new State());
    private Publisher publisher;

    Platforms(ServiceContext context, DeliveryLog log) {
        this.context = context;
    }

    final void publisherForPlatforms(Publisher p) {
        this.publisher = p;
    }

    private State state() {
        RequestContext ctx = RequestContext.current();
        return states.get(ctx.accountId(), ctx.region());
    }

    private State stateOf(String arn) {
        Arn a = SnsStore.parse(arn);
        if (a == null) {
            throw SnsErrors.invalidParameter("EndpointArn");
        }
        return states.get(a.accountId(), a.region());
    }

    // ---- publishing to phones and endpoints ----------------------------------------------------

    final boolean isPlatformEndpoint(String arn) {
        Arn a = SnsStore.parse(arn);
        return a != null && a.service().equals("sns") && a.resource().startsWith("endpoint/");
    }

    final String publishToPhone(String phone, Publisher.Outgoing o) {
        if (!phone.matches("\\+?[0-9]{5,15}")) {
            throw SnsErrors.invalidParameter("PhoneNumber Reason: " + phone + " is not valid to publish to");
        }
        if (state().optedOut.contains(phone)) {
            throw software.amazon.awssdk.services.sns.model.OptedOutException.builder().statusCode(400)
                    .message("Phone number is opted out").build();
        }
        return publisher.publishDirect("sms", phone, o);
    }

    final String publishToEndpoint(String endpointArn, Publisher.Outgoing o) {
        Map<String, String> e = stateOf(endpointArn).endpoints.get(endpointArn);
        if (e == null) {
            throw SnsErrors.notFound("Endpoint does not exist");
        }
        if ("false".equalsIgnoreCase(e.get("Enabled"))) {
            throw EndpointDisabledException.builder().statusCode(400).message("Endpoint is disabled").build();
        }
        return publisher.publishDirect("application", endpointArn, o);
    }

    // ---- platform applications -------------------------------------------------------------

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
        state().applications.put(arn, attrs);
        return CreatePlatformApplicationResponse.builder().platformApplicationArn(arn).build();
    }

    private Map<String, String> application(String arn) {
        Map<String, String> a = arn == null ? null : stateOf(arn).applications.get(arn);
        if (a == null) {
            throw SnsErrors.notFound("PlatformApplication does not exist");
        }
        return a;
    }

    public DeletePlatformApplicationResponse deletePlatformApplication(DeletePlatformApplicationRequest request) {
        String arn = request.platformApplicationArn();
        if (arn != null && SnsStore.parse(arn) != null) {
            State s = stateOf(arn);
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
        state().applications.forEach((arn, attrs) -> {
            Map<String, String> visible = new LinkedHashMap<>(attrs);
            visible.keySet().removeAll(SECRET);
            apps.add(PlatformApplication.builder().platformApplicationArn(arn).attributes(visible).build());
        });
        apps.sort((a, b) -> a.platformApplicationArn().compareTo(b.platformApplicationArn()));
        SnsHandler.Page<PlatformApplication> page = SnsHandler.page(apps, request.nextToken(), x -> x);
        return ListPlatformApplicationsResponse.builder().platformApplications(page.items()).nextToken(page.next())
                .build();
    }

    // ---- endpoints --------------------------------------------------------------------------

    public CreatePlatformEndpointResponse createPlatformEndpoint(CreatePlatformEndpointRequest request) {
        String appArn = request.platformApplicationArn();
        application(appArn);
        if (request.token() == null || request.token().isEmpty()) {
            throw SnsErrors.invalidParameter("Token");
        }
        State s = stateOf(appArn);
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
        Map<String, String> e = arn == null ? null : stateOf(arn).endpoints.get(arn);
        if (e == null) {
            throw SnsErrors.notFound("Endpoint does not exist");
        }
        return e;
    }

    public DeleteEndpointResponse deleteEndpoint(DeleteEndpointRequest request) {
        String arn = request.endpointArn();
        if (arn != null && SnsStore.parse(arn) != null) {
            stateOf(arn).endpoints.remove(arn);
            stateOf(arn).endpointApplication.remove(arn);
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
        State s = stateOf(appArn);
        List<Endpoint> out = new ArrayList<>();
        s.endpointApplication.forEach((arn, app) -> {
            if (app.equals(appArn) && s.endpoints.containsKey(arn)) {
                out.add(Endpoint.builder().endpointArn(arn).attributes(s.endpoints.get(arn)).build());
            }
        });
        out.sort((a, b) -> a.endpointArn().compareTo(b.endpointArn()));
        SnsHandler.Page<Endpoint> page = SnsHandler.page(out, request.nextToken(), x -> x);
        return ListEndpointsByPlatformApplicationResponse.builder().endpoints(page.items()).nextToken(page.next())
                .build();
    }

    // ---- SMS --------------------------------------------------------------------------------

    public CheckIfPhoneNumberIsOptedOutResponse checkIfPhoneNumberIsOptedOut(CheckIfPhoneNumberIsOptedOutRequest r) {
        checkPhoneNumber(r.phoneNumber());
        return CheckIfPhoneNumberIsOptedOutResponse.builder()
                .isOptedOut(state().optedOut.contains(r.phoneNumber())).build();
    }

    private static void checkPhoneNumber(String number) {
        if (number == null || !PHONE_NUMBER.matcher(number).matches()) {
            throw SnsErrors.invalidParameter("PhoneNumber Reason: input incorrectly formatted");
        }
    }

    public ListPhoneNumbersOptedOutResponse listPhoneNumbersOptedOut(ListPhoneNumbersOptedOutRequest request) {
        List<String> numbers = new ArrayList<>(state().optedOut);
        numbers.sort(null);
        return ListPhoneNumbersOptedOutResponse.builder().phoneNumbers(numbers).build();
    }

    public OptInPhoneNumberResponse optInPhoneNumber(OptInPhoneNumberRequest request) {
        checkPhoneNumber(request.phoneNumber());
        state().optedOut.remove(request.phoneNumber());
        return OptInPhoneNumberResponse.builder().build();
    }

    public GetSmsAttributesResponse getSMSAttributes(GetSmsAttributesRequest request) {
        Map<String, String> all = new LinkedHashMap<>(state().smsAttributes);
        if (request.attributes() != null && !request.attributes().isEmpty()) {
            all.keySet().retainAll(request.attributes());
        }
        return GetSmsAttributesResponse.builder().attributes(all).build();
    }

    public SetSmsAttributesResponse setSMSAttributes(SetSmsAttributesRequest request) {
        state().smsAttributes.putAll(request.attributes());
        return SetSmsAttributesResponse.builder().build();
    }

    /** Gureum does not restrict SMS to verified numbers, so accounts are reported out of the sandbox. */
    public GetSmsSandboxAccountStatusResponse getSMSSandboxAccountStatus(GetSmsSandboxAccountStatusRequest request) {
        return GetSmsSandboxAccountStatusResponse.builder().isInSandbox(false).build();
    }

    public CreateSmsSandboxPhoneNumberResponse createSMSSandboxPhoneNumber(CreateSmsSandboxPhoneNumberRequest request) {
        state().sandboxNumbers.put(request.phoneNumber(), "Pending");
        return CreateSmsSandboxPhoneNumberResponse.builder().build();
    }

    public VerifySmsSandboxPhoneNumberResponse verifySMSSandboxPhoneNumber(VerifySmsSandboxPhoneNumberRequest request) {
        if (state().sandboxNumbers.replace(request.phoneNumber(), "Verified") == null) {
            throw SnsErrors.resourceNotFound();
        }
        return VerifySmsSandboxPhoneNumberResponse.builder().build();
    }

    public DeleteSmsSandboxPhoneNumberResponse deleteSMSSandboxPhoneNumber(DeleteSmsSandboxPhoneNumberRequest request) {
        if (state().sandboxNumbers.remove(request.phoneNumber()) == null) {
            throw SnsErrors.resourceNotFound();
        }
        return DeleteSmsSandboxPhoneNumberResponse.builder().build();
    }

    public ListSmsSandboxPhoneNumbersResponse listSMSSandboxPhoneNumbers(ListSmsSandboxPhoneNumbersRequest request) {
        List<SMSSandboxPhoneNumber> out = new ArrayList<>();
        state().sandboxNumbers.forEach((n, status) -> out.add(SMSSandboxPhoneNumber.builder().phoneNumber(n)
                .status(status).build()));
        return ListSmsSandboxPhoneNumbersResponse.builder().phoneNumbers(out).build();
    }
}
