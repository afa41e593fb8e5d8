package io.gureum.s3.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.spi.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3control.model.*;
/**
 * S3 Access Grants locations (an S3 scope and the IAM role Access Grants assumes for it) and grants of READ, WRITE
 * or READWRITE on a location's scope or a sub-prefix to an IAM principal or a directory user or group, in the
 * account's instance ({@link AccessGrants}).
 */
final class AccessGrantsLocations {
    private static final Pattern ROLE = Pattern.compile("arn:[^:]+:iam::\\d{12}:role/.+");
    private static final String DEFAULT = AccessGrants.DEFAULT;
    private static final String LOCATION = AccessGrants.LOCATION;
    private static final String GRANT = AccessGrants.GRANT;
    private static final String SERVICE_PRINCIPAL = AccessGrants.SERVICE_PRINCIPAL;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = AccessGrants.JSON;

    private final ControlState state;
    private final Kept kept;
    private final AccessGrants grants;

    AccessGrantsLocations(ControlState state, Kept kept, AccessGrants grants) {
        this.state = state;
        this.kept = kept;
        this.grants = grants;
    }

    private static String text(Kept.Entry e, String field) {
        return AccessGrants.text(e, field);
    }

    private static String region() {
        return AccessGrants.region();
    }

    private Kept.Entry instance(String accountId) {
        return grants.instance(accountId);
    }

    private static void checkScope(String scope, String code, String message) {
        AccessGrants.checkScope(scope, code, message);
    }

    private String uuid() {
        return grants.uuid();
    }

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
        AccessGrants.Page page = AccessGrants.page(all, request.maxResults(), request.nextToken());
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
            throw AccessGrants.locationMissing();
        }
        return l;
    }

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

    static Grantee grantee(Kept.Entry g) {
        return Grantee.builder().granteeType(text(g, "granteeType")).granteeIdentifier(text(g, "granteeIdentifier"))
                .build();
    }

    static AccessGrantsLocationConfiguration configuration(Kept.Entry g) {
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
        AccessGrants.Page page = AccessGrants.page(all, request.maxResults(), request.nextToken());
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
            throw AccessGrants.grantMissing();
        }
        return g;
    }
}
