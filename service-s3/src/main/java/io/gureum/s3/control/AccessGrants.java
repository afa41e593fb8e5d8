package io.gureum.s3.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3control.model.*;
/**
 * S3 Access Grants (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-grants.html): one instance per
 * account and Region, with its resource policy and the IAM Identity Center instance it is associated with, and
 * what the other Access Grants classes share ({@link AccessGrantsLocations}: locations and grants;
 * {@link DataAccess}: GetDataAccess and the caller's grants). Errors as AWS lists them (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#S3AccessGrantsErrorCodeList).
 */
final class AccessGrants {
    static final String INSTANCE = "accessgrantsinstance";
    static final String LOCATION = "accessgrantslocation";
    static final String GRANT = "accessgrant";
    /** Access Grants assumes a location's role as this service principal. */
    static final String SERVICE_PRINCIPAL = "access-grants.s3.amazonaws.com";
    static final String DEFAULT = "default";
    private static final int MAX_RESULTS = 1000;
    /** {@code s3://}, or {@code s3://bucket} with an optional prefix (a trailing {@code *} allowed). */
    private static final Pattern SCOPE = Pattern.compile("s3://(?:[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](?:/.*)?)?");
    static final ObjectMapper JSON = new ObjectMapper();

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

    static String region() {
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

    static String text(Kept.Entry e, String field) {
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

    Kept.Entry instance(String accountId) {
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

    static void checkScope(String scope, String code, String message) {
        if (!SCOPE.matcher(scope).matches()) {
            throw new AwsException(code, message, 400);
        }
    }

    String uuid() {
        String h = state.context.ids().hex(32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    /** Whether {@code target} lies within {@code scope} (a trailing {@code *} in either is a wildcard). */
    static boolean within(String target, String scope) {
        return prefix(target).startsWith(prefix(scope));
    }

    static String prefix(String s) {
        return s.endsWith("*") ? s.substring(0, s.length() - 1) : s;
    }

    record Page(List<Kept.Entry> items, String next) {
    }

    /** MaxResults (default and at most 1,000) a page in key order; the token is the last key, encoded. */
    static Page page(List<Kept.Entry> all, Integer maxResults, String token) {
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
