package io.gureum.s3.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3control.model.*;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * S3 Access Grants (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants.html): one instance per
 * account and Region (with its resource policy and the IAM Identity Center instance it is associated with),
 * locations (an S3 scope and the IAM role Access Grants assumes for it), grants of READ, WRITE or READWRITE on a
 * location's scope or a sub-prefix to an IAM principal or a directory user or group, and GetDataAccess, which
 * vends credentials for the caller's most specific matching grant by assuming the location's role through STS.
 * Errors as AWS lists them (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#S3AccessGrantsErrorCodeList).
 */
final class AccessGrants {
    static final String INSTANCE = "accessgrantsinstance";
    static final String LOCATION = "accessgrantslocation";
    static final String GRANT = "accessgrant";
    /** Access Grants assumes a location's role as this service principal. */
    static final String SERVICE_PRINCIPAL = "access-grants.s3.amazonaws.com";
    private static final String DEFAULT = "default";
    private static final int MAX_RESULTS = 1000;
    /** {@code s3://}, or {@code s3://bucket} with an optional prefix (a trailing {@code *} allowed). */
    private static final Pattern SCOPE = Pattern.compile("s3://(?:[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:/.*)?)?");
    private static final Pattern ROLE = Pattern.compile("arn:[^:]+:iam::\\d{12}:role/.+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlState state;
    private final Kept kept;

    AccessGrants(ControlState state, Kept kept) {
        this.state = state;
        this.kept = kept;
    }

    static AwsException instanceMissing() {
        return new AwsException("AccessGrantsInstanceNotExistsError", "Access Grants Instance does not exist", 404);
    }

    static AwsException locationMissing() {
        return new AwsException("NoSuchAccessGrantsLocationError", "The specified access grants location does not exist",
                404);
    }

    static AwsException grantMissing() {
        return new AwsException("NoSuchAccessGrantError", "The specified access grant does not exist", 404);
    }

    private static String region() {
        return RequestContext.current().region();
    }

    // The instance

    public CreateAccessGrantsInstanceResponse createAccessGrantsInstance(CreateAccessGrantsInstanceRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        String region = region();
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        Kept.Entry e;
        synchronized (kept) {
            if (kept.get(INSTANCE, account, region, DEFAULT) != null) {
                throw new AwsException("AccessGrantsInstanceAlreadyExists", "Access Grants Instance already exists",
                        409);
            }
            ObjectNode body = JSON.createObjectNode();
            if (request.identityCenterArn() != null) {
                body.put("identityCenterArn", identityCenter(request.identityCenterArn()));
            }
            e = new Kept.Entry(INSTANCE, account, region, DEFAULT,
                    Arn.of("s3", region, account, "access-grants/" + DEFAULT).toString(), body,
                    state.context.clock().now(), null);
            kept.put(e, tags);
        }
        return CreateAccessGrantsInstanceResponse.builder().createdAt(e.created()).accessGrantsInstanceId(DEFAULT)
                .accessGrantsInstanceArn(e.arn()).identityCenterArn(text(e, "identityCenterArn"))
                .identityCenterInstanceArn(text(e, "identityCenterArn")).build();
    }

    private static String identityCenter(String arn) {
        if (!arn.matches("arn:[^:]+:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}")) {
            throw new AwsException("InvalidIdentityCenterInstance", "The specified identity center instance is invalid",
                    400);
        }
        return arn;
    }

    private static String text(Kept.Entry e, String field) {
        return e.body().hasNonNull(field) ? e.body().get(field).asText() : null;
    }

    public GetAccessGrantsInstanceResponse getAccessGrantsInstance(GetAccessGrantsInstanceRequest request) {
        Kept.Entry e = instance(request.accountId());
        return GetAccessGrantsInstanceResponse.builder().accessGrantsInstanceArn(e.arn()).accessGrantsInstanceId(DEFAULT)
                .identityCenterArn(text(e, "identityCenterArn")).identityCenterInstanceArn(text(e, "identityCenterArn"))
                .createdAt(e.created()).build();
    }

    /** Refused while locations remain (AccessGrantsInstanceNotEmptyError). */
    public DeleteAccessGrantsInstanceResponse deleteAccessGrantsInstance(DeleteAccessGrantsInstanceRequest request) {
        synchronized (kept) {
            Kept.Entry e = instance(request.accountId());
            if (!kept.list(LOCATION, e.account(), e.region()).isEmpty()) {
                throw new AwsException("AccessGrantsInstanceNotEmptyError",
                        "Please clean up locations before deleting the access grants instance", 400);
            }
            kept.remove(e);
        }
        return DeleteAccessGrantsInstanceResponse.builder().build();
    }

    /** The account's instances: at most one, this Region's. */
    public ListAccessGrantsInstancesResponse listAccessGrantsInstances(ListAccessGrantsInstancesRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        List<ListAccessGrantsInstanceEntry> out = new ArrayList<>();
        for (Kept.Entry e : kept.list(INSTANCE, account, region())) {
            out.add(ListAccessGrantsInstanceEntry.builder().accessGrantsInstanceId(DEFAULT).accessGrantsInstanceArn(e.arn())
                    .createdAt(e.created()).identityCenterArn(text(e, "identityCenterArn"))
                    .identityCenterInstanceArn(text(e, "identityCenterArn")).build());
        }
        return ListAccessGrantsInstancesResponse.builder().accessGrantsInstancesList(out).build();
    }

    public AssociateAccessGrantsIdentityCenterResponse associateAccessGrantsIdentityCenter(
            AssociateAccessGrantsIdentityCenterRequest request) {
        String arn = identityCenter(request.identityCenterArn());
        synchronized (kept) {
            Kept.Entry e = instance(request.accountId());
            ObjectNode body = e.body().deepCopy();
            body.put("identityCenterArn", arn);
            kept.put(e.withBody(body), null);
        }
        return AssociateAccessGrantsIdentityCenterResponse.builder().build();
    }

    public DissociateAccessGrantsIdentityCenterResponse dissociateAccessGrantsIdentityCenter(
            DissociateAccessGrantsIdentityCenterRequest request) {
        synchronized (kept) {
            Kept.Entry e = instance(request.accountId());
            ObjectNode body = e.body().deepCopy();
            body.remove("identityCenterArn");
            kept.put(e.withBody(body), null);
        }
        return DissociateAccessGrantsIdentityCenterResponse.builder().build();
    }

    /** The policy must be a JSON object (InvalidResourcePolicy); it is stored, not evaluated. */
    public PutAccessGrantsInstanceResourcePolicyResponse putAccessGrantsInstanceResourcePolicy(
            PutAccessGrantsInstanceResourcePolicyRequest request) {
        try {
            if (!JSON.readTree(request.policy()).isObject()) {
                throw new JsonProcessingException("not an object") {
                };
            }
        } catch (JsonProcessingException e) {
            throw new AwsException("InvalidResourcePolicy", "The specified Resource Policy is invalid", 400);
        }
        Instant now = state.context.clock().now();
        synchronized (kept) {
            Kept.Entry e = instance(request.accountId());
            ObjectNode body = e.body().deepCopy();
            body.put("policy", request.policy());
            body.put("policyCreated", now.toString());
            if (request.organization() != null) {
                body.put("organization", request.organization());
            } else {
                body.remove("organization");
            }
            kept.put(e.withBody(body), null);
        }
        return PutAccessGrantsInstanceResourcePolicyResponse.builder().policy(request.policy())
                .organization(request.organization()).createdAt(now).build();
    }

    public GetAccessGrantsInstanceResourcePolicyResponse getAccessGrantsInstanceResourcePolicy(
            GetAccessGrantsInstanceResourcePolicyRequest request) {
        Kept.Entry e = instance(request.accountId());
        if (text(e, "policy") == null) {
            throw new AwsException("AccessGrantsInstanceResourcePolicyNotExists",
                    "Access Grants Instance Resource Policy does not exist", 404);
        }
        return GetAccessGrantsInstanceResourcePolicyResponse.builder().policy(text(e, "policy"))
                .organization(text(e, "organization")).createdAt(Instant.parse(text(e, "policyCreated"))).build();
    }

    public DeleteAccessGrantsInstanceResourcePolicyResponse deleteAccessGrantsInstanceResourcePolicy(
            DeleteAccessGrantsInstanceResourcePolicyRequest request) {
        synchronized (kept) {
            Kept.Entry e = instance(request.accountId());
            ObjectNode body = e.body().deepCopy();
            body.remove(List.of("policy", "policyCreated", "organization"));
            kept.put(e.withBody(body), null);
        }
        return DeleteAccessGrantsInstanceResourcePolicyResponse.builder().build();
    }

    private Kept.Entry instance(String accountId) {
        String account = ControlErrors.callerAccount(accountId);
        Kept.Entry e = kept.get(INSTANCE, account, region(), DEFAULT);
        if (e == null) {
            throw instanceMissing();
        }
        return e;
    }

    /**
     * The instance whose locations cover {@code S3Prefix}: the caller's, in this Region, when one of its locations'
     * scopes contains the prefix; otherwise AccessGrantsInstanceNotExistsError.
     */
    public GetAccessGrantsInstanceForPrefixResponse getAccessGrantsInstanceForPrefix(
            GetAccessGrantsInstanceForPrefixRequest request) {
        Kept.Entry e = instance(request.accountId());
        checkScope(request.s3Prefix(), "InvalidRequest", "The S3 prefix is invalid: " + request.s3Prefix());
        boolean covered = kept.list(LOCATION, e.account(), e.region()).stream()
                .anyMatch(l -> within(request.s3Prefix(), text(l, "scope")));
        if (!covered) {
            throw instanceMissing();
        }
        return GetAccessGrantsInstanceForPrefixResponse.builder().accessGrantsInstanceArn(e.arn())
                .accessGrantsInstanceId(DEFAULT).build();
    }

    // Locations

    /**
     * The scope is {@code s3://} (the default location, ID {@code default}) or {@code s3://bucket[/prefix]}, once per
     * instance; the role must exist when IAM is served (asked through an in-process IAM client).
     */
    public CreateAccessGrantsLocationResponse createAccessGrantsLocation(CreateAccessGrantsLocationRequest request) {
        String scope = request.locationScope();
        checkScope(scope, "InvalidAccessGrantsLocation", "The specified Access Grants Location is invalid");
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        Kept.Entry e;
        synchronized (kept) {
            Kept.Entry instance = instance(request.accountId());
            checkRole(request.iamRoleArn(), instance.account());
            for (Kept.Entry l : kept.list(LOCATION, instance.account(), instance.region())) {
                if (scope.equals(text(l, "scope"))) {
                    throw new AwsException("AccessGrantsLocationAlreadyExistsError",
                            "The specified access grants location already exists", 409);
                }
            }
            String id = scope.equals("s3://") ? DEFAULT : uuid();
            ObjectNode body = JSON.createObjectNode().put("scope", scope).put("role", request.iamRoleArn());
            e = new Kept.Entry(LOCATION, instance.account(), instance.region(), id,
                    Arn.of("s3", instance.region(), instance.account(), "access-grants/default/location/" + id)
                            .toString(), body, state.context.clock().now(), null);
            kept.put(e, tags);
        }
        return CreateAccessGrantsLocationResponse.builder().createdAt(e.created()).accessGrantsLocationId(e.key())
                .accessGrantsLocationArn(e.arn()).locationScope(scope).iamRoleArn(request.iamRoleArn()).build();
    }

    private static void checkScope(String scope, String code, String message) {
        if (!SCOPE.matcher(scope).matches()) {
            throw new AwsException(code, message, 400);
        }
    }

    private String uuid() {
        String h = state.context.ids().hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    /** The role ARN must be well formed and, when this server serves IAM, name an existing role. */
    private void checkRole(String roleArn, String account) {
        AwsException invalid = new AwsException("InvalidIamRole", "The specified IAM Role is invalid", 400);
        if (!ROLE.matcher(roleArn).matches()) {
            throw invalid;
        }
        if (!state.context.clients().serves(IamClient.class)) {
            return;
        }
        Arn arn = Arn.parse(roleArn);
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        IamClient iam = state.context.clients().client(IamClient.class,
                Caller.service(SERVICE_PRINCIPAL, arn.accountId(), region(), null));
        try {
            if (!roleArn.equals(iam.getRole(b -> b.roleName(name)).role().arn())) {
                throw invalid;
            }
        } catch (AwsServiceException e) {
            throw invalid;
        }
    }

    public GetAccessGrantsLocationResponse getAccessGrantsLocation(GetAccessGrantsLocationRequest request) {
        Kept.Entry l = location(request.accountId(), request.accessGrantsLocationId());
        return GetAccessGrantsLocationResponse.builder().createdAt(l.created()).accessGrantsLocationId(l.key())
                .accessGrantsLocationArn(l.arn()).locationScope(text(l, "scope")).iamRoleArn(text(l, "role")).build();
    }

    /** Only the role changes. */
    public UpdateAccessGrantsLocationResponse updateAccessGrantsLocation(UpdateAccessGrantsLocationRequest request) {
        Kept.Entry l;
        synchronized (kept) {
            l = location(request.accountId(), request.accessGrantsLocationId());
            checkRole(request.iamRoleArn(), l.account());
            l = l.withBody(((ObjectNode) l.body().deepCopy()).put("role", request.iamRoleArn()));
            kept.put(l, null);
        }
        return UpdateAccessGrantsLocationResponse.builder().createdAt(l.created()).accessGrantsLocationId(l.key())
                .accessGrantsLocationArn(l.arn()).locationScope(text(l, "scope")).iamRoleArn(text(l, "role")).build();
    }

    /** Refused while grants on it remain (AccessGrantsLocationNotEmptyError). */
    public DeleteAccessGrantsLocationResponse deleteAccessGrantsLocation(DeleteAccessGrantsLocationRequest request) {
        synchronized (kept) {
            Kept.Entry l = location(request.accountId(), request.accessGrantsLocationId());
            boolean used = kept.list(GRANT, l.account(), l.region()).stream()
                    .anyMatch(g -> l.key().equals(text(g, "location")));
            if (used) {
                throw new AwsException("AccessGrantsLocationNotEmptyError",
                        "Please clean up access grants before deleting access grants location", 400);
            }
            kept.remove(l);
        }
        return DeleteAccessGrantsLocationResponse.builder().build();
    }

    public ListAccessGrantsLocationsResponse listAccessGrantsLocations(ListAccessGrantsLocationsRequest request) {
        Kept.Entry instance = instance(request.accountId());
        List<Kept.Entry> all = kept.list(LOCATION, instance.account(), instance.region()).stream()
                .filter(l -> request.locationScope() == null || request.locationScope().equals(text(l, "scope")))
                .toList();
        Page page = page(all, request.maxResults(), request.nextToken());
        return ListAccessGrantsLocationsResponse.builder().nextToken(page.next())
                .accessGrantsLocationsList(page.items().stream().map(l -> ListAccessGrantsLocationsEntry.builder()
                        .createdAt(l.created()).accessGrantsLocationId(l.key()).accessGrantsLocationArn(l.arn())
                        .locationScope(text(l, "scope")).iamRoleArn(text(l, "role")).build()).toList())
                .build();
    }

    private Kept.Entry location(String accountId, String id) {
        Kept.Entry instance = instance(accountId);
        Kept.Entry l = kept.get(LOCATION, instance.account(), instance.region(), id);
        if (l == null) {
            throw locationMissing();
        }
        return l;
    }

    // Grants

    /**
     * A grant on a location (or a sub-prefix of it) to an IAM principal (its ARN) or a directory user or group; the
     * same grantee, scope and permission twice is AccessGrantAlreadyExists.
     */
    public CreateAccessGrantResponse createAccessGrant(CreateAccessGrantRequest request) {
        Grantee grantee = request.grantee();
        if (grantee == null || grantee.granteeType() == null || grantee.granteeIdentifier() == null
                || request.permission() == null || request.permissionAsString().equals("UNKNOWN_TO_SDK_VERSION")) {
            throw new AwsException("InvalidAccessGrant", "The specified Access Grant is invalid", 400);
        }
        if (grantee.granteeTypeAsString().equals("IAM") && !grantee.granteeIdentifier().startsWith("arn:")) {
            throw new AwsException("InvalidAccessGrant", "The specified Access Grant is invalid", 400);
        }
        String sub = request.accessGrantsLocationConfiguration() == null ? null
                : request.accessGrantsLocationConfiguration().s3SubPrefix();
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        Kept.Entry g;
        synchronized (kept) {
            Kept.Entry l = location(request.accountId(), request.accessGrantsLocationId());
            String scope = grantScope(text(l, "scope"), sub);
            for (Kept.Entry other : kept.list(GRANT, l.account(), l.region())) {
                if (scope.equals(text(other, "scope")) && request.permissionAsString().equals(text(other, "permission"))
                        && grantee.granteeTypeAsString().equals(text(other, "granteeType"))
                        && grantee.granteeIdentifier().equals(text(other, "granteeIdentifier"))) {
                    throw new AwsException("AccessGrantAlreadyExists", "The specified access grant already exists",
                            409);
                }
            }
            String id = uuid();
            ObjectNode body = JSON.createObjectNode().put("location", l.key()).put("scope", scope)
                    .put("permission", request.permissionAsString()).put("granteeType", grantee.granteeTypeAsString())
                    .put("granteeIdentifier", grantee.granteeIdentifier());
            if (sub != null) {
                body.put("subPrefix", sub);
            }
            if (request.applicationArn() != null) {
                body.put("application", request.applicationArn());
            }
            g = new Kept.Entry(GRANT, l.account(), l.region(), id,
                    Arn.of("s3", l.region(), l.account(), "access-grants/default/grant/" + id).toString(), body,
                    state.context.clock().now(), null);
            kept.put(g, tags);
        }
        return CreateAccessGrantResponse.builder().createdAt(g.created()).accessGrantId(g.key()).accessGrantArn(g.arn())
                .grantee(grantee(g)).accessGrantsLocationId(text(g, "location"))
                .accessGrantsLocationConfiguration(configuration(g)).permission(text(g, "permission"))
                .applicationArn(text(g, "application")).grantScope(text(g, "scope")).build();
    }

    /** The location's scope with the grant's sub-prefix: {@code s3://bucket/} + {@code prefix/*}. */
    static String grantScope(String locationScope, String subPrefix) {
        String base = locationScope.endsWith("/") ? locationScope : locationScope + "/";
        return subPrefix == null ? base + "*" : base + subPrefix;
    }

    private static Grantee grantee(Kept.Entry g) {
        return Grantee.builder().granteeType(text(g, "granteeType")).granteeIdentifier(text(g, "granteeIdentifier"))
                .build();
    }

    private static AccessGrantsLocationConfiguration configuration(Kept.Entry g) {
        String sub = text(g, "subPrefix");
        return sub == null ? null : AccessGrantsLocationConfiguration.builder().s3SubPrefix(sub).build();
    }

    public GetAccessGrantResponse getAccessGrant(GetAccessGrantRequest request) {
        Kept.Entry g = grant(request.accountId(), request.accessGrantId());
        return GetAccessGrantResponse.builder().createdAt(g.created()).accessGrantId(g.key()).accessGrantArn(g.arn())
                .grantee(grantee(g)).permission(text(g, "permission")).accessGrantsLocationId(text(g, "location"))
                .accessGrantsLocationConfiguration(configuration(g)).grantScope(text(g, "scope"))
                .applicationArn(text(g, "application")).build();
    }

    public DeleteAccessGrantResponse deleteAccessGrant(DeleteAccessGrantRequest request) {
        synchronized (kept) {
            kept.remove(grant(request.accountId(), request.accessGrantId()));
        }
        return DeleteAccessGrantResponse.builder().build();
    }

    /** The instance's grants, filtered by grantee, permission, scope and application as given. */
    public ListAccessGrantsResponse listAccessGrants(ListAccessGrantsRequest request) {
        Kept.Entry instance = instance(request.accountId());
        List<Kept.Entry> all = kept.list(GRANT, instance.account(), instance.region()).stream()
                .filter(g -> matches(request.granteeTypeAsString(), text(g, "granteeType"))
                        && matches(request.granteeIdentifier(), text(g, "granteeIdentifier"))
                        && matches(request.permissionAsString(), text(g, "permission"))
                        && matches(request.grantScope(), text(g, "scope"))
                        && matches(request.applicationArn(), text(g, "application")))
                .toList();
        Page page = page(all, request.maxResults(), request.nextToken());
        return ListAccessGrantsResponse.builder().nextToken(page.next())
                .accessGrantsList(page.items().stream().map(g -> ListAccessGrantEntry.builder().createdAt(g.created())
                        .accessGrantId(g.key()).accessGrantArn(g.arn()).grantee(grantee(g))
                        .permission(text(g, "permission")).accessGrantsLocationId(text(g, "location"))
                        .accessGrantsLocationConfiguration(configuration(g)).grantScope(text(g, "scope"))
                        .applicationArn(text(g, "application")).build()).toList())
                .build();
    }

    private static boolean matches(String wanted, String value) {
        return wanted == null || wanted.equals(value);
    }

    private Kept.Entry grant(String accountId, String id) {
        Kept.Entry instance = instance(accountId);
        Kept.Entry g = kept.get(GRANT, instance.account(), instance.region(), id);
        if (g == null) {
            throw grantMissing();
        }
        return g;
    }

    /** The grants of the caller (an IAM principal: its ARN, or its role's for a role session). */
    public ListCallerAccessGrantsResponse listCallerAccessGrants(ListCallerAccessGrantsRequest request) {
        Kept.Entry instance = instance(request.accountId());
        String caller = callerArn();
        List<Kept.Entry> all = kept.list(GRANT, instance.account(), instance.region()).stream()
                .filter(g -> grantedTo(g, caller)
                        && (request.grantScope() == null || within(request.grantScope(), text(g, "scope"))))
                .toList();
        Page page = page(all, request.maxResults(), request.nextToken());
        return ListCallerAccessGrantsResponse.builder().nextToken(page.next())
                .callerAccessGrantsList(page.items().stream().map(g -> ListCallerAccessGrantsEntry.builder()
                        .permission(text(g, "permission")).grantScope(text(g, "scope"))
                        .applicationArn(text(g, "application")).build()).toList())
                .build();
    }

    // Data access

    /**
     * Credentials for {@code Target} with {@code Permission}: the caller's most specific grant whose scope contains
     * the target and whose permission covers the one asked (READWRITE covers both) is matched, and its location's
     * role is assumed through STS as {@code access-grants.s3.amazonaws.com}, with a session policy limiting the
     * credentials to the grant's scope (or, with Privilege Minimal, to the target).
     */
    public GetDataAccessResponse getDataAccess(GetDataAccessRequest request) {
        Kept.Entry instance = instance(request.accountId());
        String target = request.target();
        checkScope(target, "InvalidRequest", "The target is invalid: " + target);
        String permission = request.permissionAsString();
        String caller = callerArn();
        Kept.Entry best = null;
        for (Kept.Entry g : kept.list(GRANT, instance.account(), instance.region())) {
            if (grantedTo(g, caller) && covers(text(g, "permission"), permission) && within(target, text(g, "scope"))
                    && (best == null || prefix(text(g, "scope")).length() > prefix(text(best, "scope")).length())) {
                best = g;
            }
        }
        if (best == null) {
            throw new AwsException("AccessDenied", "You do not have " + permission
                    + " permissions to the requested S3 Prefix: " + target, 403);
        }
        Kept.Entry location = kept.get(LOCATION, instance.account(), instance.region(), text(best, "location"));
        if (!state.context.clients().serves(StsClient.class)) {
            throw new AwsException("NotImplemented", "GetDataAccess needs STS to assume the location's role, and this "
                    + "server does not serve STS", 501);
        }
        String scope = "Minimal".equals(request.privilegeAsString()) ? target : text(best, "scope");
        StsClient sts = state.context.clients().client(StsClient.class,
                Caller.service(SERVICE_PRINCIPAL, instance.account(), instance.region(), best.arn()));
        AssumeRoleResponse assumed;
        try {
            assumed = sts.assumeRole(b -> b.roleArn(text(location, "role")).roleSessionName("access-grants-"
                    + state.context.ids().hex(8)).durationSeconds(request.durationSeconds() == null ? 3600
                            : request.durationSeconds()).policy(sessionPolicy(scope, permission)));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 403) {
                throw new AwsException("StsNotAuthorizedError", "User: " + SERVICE_PRINCIPAL
                        + " is not authorized to perform: sts:AssumeRole on resource: " + text(location, "role"), 403);
            }
            throw new AwsException("StsValidationError", e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage(), 400);
        }
        software.amazon.awssdk.services.sts.model.Credentials c = assumed.credentials();
        return GetDataAccessResponse.builder().credentials(Credentials.builder().accessKeyId(c.accessKeyId())
                .secretAccessKey(c.secretAccessKey()).sessionToken(c.sessionToken()).expiration(c.expiration()).build())
                .matchedGrantTarget(text(best, "scope")).grantee(grantee(best)).build();
    }

    /** READ: reads and listings; WRITE: writes and deletes; of objects under the scope and its bucket's listing. */
    static String sessionPolicy(String scope, String permission) {
        String path = scope.substring("s3://".length());
        String bucket = path.isEmpty() ? "*" : path.split("/", 2)[0];
        String objects = path.isEmpty() ? "*" : path.endsWith("*") ? path : path + "*";
        List<String> actions = new ArrayList<>();
        if (!permission.equals("WRITE")) {
            actions.addAll(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAcl", "s3:GetObjectVersionAcl",
                    "s3:ListMultipartUploadParts"));
        }
        if (!permission.equals("READ")) {
            actions.addAll(List.of("s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectVersionAcl", "s3:DeleteObject",
                    "s3:DeleteObjectVersion", "s3:AbortMultipartUpload"));
        }
        ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
        var statements = doc.putArray("Statement");
        ObjectNode objectStatement = statements.addObject().put("Effect", "Allow");
        actions.forEach(objectStatement.putArray("Action")::add);
        objectStatement.put("Resource", "arn:aws:s3:::" + objects);
        statements.addObject().put("Effect", "Allow").put("Action", "s3:ListBucket")
                .put("Resource", "arn:aws:s3:::" + bucket);
        return doc.toString();
    }

    private static boolean covers(String granted, String asked) {
        return granted.equals(asked) || granted.equals("READWRITE");
    }

    /** Whether {@code target} lies within {@code scope} (a trailing {@code *} in either is a wildcard). */
    static boolean within(String target, String scope) {
        return prefix(target).startsWith(prefix(scope));
    }

    private static String prefix(String s) {
        return s.endsWith("*") ? s.substring(0, s.length() - 1) : s;
    }

    /** An IAM grant to the caller's ARN or, for a role session, to its role. */
    private static boolean grantedTo(Kept.Entry g, String caller) {
        if (caller == null || !"IAM".equals(text(g, "granteeType"))) {
            return false;
        }
        String id = text(g, "granteeIdentifier");
        return id.equals(caller) || id.equals(roleOf(caller));
    }

    /** {@code arn:aws:sts::A:assumed-role/R/s} is role {@code arn:aws:iam::A:role/R} (path not known: none). */
    static String roleOf(String sessionArn) {
        java.util.regex.Matcher m = Pattern.compile("arn:([^:]+):sts::(\\d{12}):assumed-role/([^/]+)/.*")
                .matcher(sessionArn);
        return m.matches() ? "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3) : null;
    }

    /** The caller's principal ARN, from its access key ({@code arn:aws:iam::A:root} for an account's own key). */
    private String callerArn() {
        RequestContext ctx = RequestContext.current();
        if (ctx.principal() != null) {
            return ctx.principal();
        }
        return ctx.accessKeyId() == null ? null : state.context.accounts().lookup(ctx.accessKeyId())
                .map(io.gureum.core.auth.Accounts.AccessKey::principalArn)
                .orElse("arn:aws:iam::" + ctx.accountId() + ":root");
    }

    private record Page(List<Kept.Entry> items, String next) {
    }

    /** MaxResults (default and at most 1,000) a page in key order; the token is the last key, encoded. */
    private static Page page(List<Kept.Entry> all, Integer maxResults, String token) {
        int max = maxResults == null || maxResults <= 0 ? MAX_RESULTS : Math.min(maxResults, MAX_RESULTS);
        String after;
        try {
            after = token == null ? null : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ControlErrors.invalidRequest("The continuation token provided is incorrect");
        }
        List<Kept.Entry> items = new ArrayList<>();
        for (Kept.Entry e : all) {
            if (after != null && e.key().compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == max) {
                return new Page(items, Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(items.get(max - 1).key().getBytes(StandardCharsets.UTF_8)));
            }
            items.add(e);
        }
        return new Page(items, null);
    }
}
