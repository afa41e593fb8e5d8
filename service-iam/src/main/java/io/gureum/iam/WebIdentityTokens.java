package io.gureum.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.ParentType;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.OutboundWebIdentityFederationDisabledException;
import software.amazon.awssdk.services.sts.model.SessionDurationEscalationException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * {@code GetWebIdentityToken} (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetWebIdentityToken.html):
 * a JWT naming the caller, signed with the key of its account's outbound issuer ({@link OutboundSigningKeys}),
 * with the claims of https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound_token_claims.html.
 */
final class WebIdentityTokens {
    /** The namespace AWS nests its own claims and the request tags under. */
    static final String NAMESPACE = "https://sts.amazonaws.com/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StsState sts;
    private final OutboundSigningKeys keys;

    WebIdentityTokens(StsState sts, OutboundSigningKeys keys) {
        this.sts = sts;
        this.keys = keys;
    }

    public GetWebIdentityTokenResponse getWebIdentityToken(GetWebIdentityTokenRequest request) {
        String algorithm = request.signingAlgorithm();
        if (!OutboundSigningKeys.RS256.equals(algorithm) && !OutboundSigningKeys.ES384.equals(algorithm)) {
            throw StsErrors.validation("1 validation error detected: Value '" + algorithm
                    + "' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]");
        }
        StsIdentity caller = sts.caller();
        String account = caller.account() != null ? caller.account() : RequestContext.current().accountId();
        IamStore.Account iamAccount = sts.iam.get().account(account);
        String issuer;
        synchronized (iamAccount) {
            if (!iamAccount.outboundFederationEnabled) {
                throw ModeledErrors.of(OutboundWebIdentityFederationDisabledException.class,
                        "Outbound web identity federation is not enabled for this account.");
            }
            issuer = iamAccount.outboundIssuer;
        }
        Instant now = sts.context.clock().now();
        int duration = request.durationSeconds() != null ? request.durationSeconds() : 300;
        Instant expiration = now.plusSeconds(duration);
        if (caller.session() != null && expiration.isAfter(caller.session().expiration())) {
            throw ModeledErrors.of(SessionDurationEscalationException.class,
                    "The requested token duration would extend the session beyond its expiration time "
                            + caller.session().expiration() + ".");
        }
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", issuer);
        List<String> audience = request.audience();
        if (audience.size() == 1) {
            claims.put("aud", audience.get(0));
        } else {
            var array = claims.putArray("aud");
            audience.forEach(array::add);
        }
        claims.put("sub", caller.principalArn());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", expiration.getEpochSecond());
        claims.put("jti", java.util.UUID.nameUUIDFromBytes(sts.context.ids().hex(32)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toString());
        ObjectNode aws = claims.putObject(NAMESPACE);
        aws.put("aws_account", account);
        aws.put("source_region", RequestContext.current().region());
        organization(account, aws);
        Map<String, String> principalTags = caller.tags();
        if (principalTags != null && !principalTags.isEmpty()) {
            ObjectNode tags = aws.putObject("principal_tags");
            new java.util.TreeMap<>(principalTags).forEach(tags::put);
        }
        if (request.hasTags() && !request.tags().isEmpty()) {
            ObjectNode tags = aws.putObject("request_tags");
            for (Tag t : request.tags()) {
                tags.put(t.key(), t.value());
            }
        }
        String token = keys.sign(account, algorithm, claims);
        return GetWebIdentityTokenResponse.builder().webIdentityToken(token).expiration(expiration).build();
    }

    /**
     * {@code org_id} and {@code ou_path} when the account belongs to an organization (asked of Organizations
     * in-process): the path is the organization, its root and the OUs down to the account, each followed by
     * {@code /}, as in {@code aws:PrincipalOrgPaths}.
     */
    private void organization(String account, ObjectNode aws) {
        OrganizationsClient orgs;
        String orgId;
        try {
            String region = RequestContext.current().region();
            var org = sts.context.clients().client(OrganizationsClient.class, Caller.root(account, region))
                    .describeOrganization(b -> { }).organization();
            orgId = org.id();
            // Only the management account may list an account's parents.
            orgs = sts.context.clients().client(OrganizationsClient.class, Caller.root(org.masterAccountId(), region));
        } catch (AwsOrganizationsNotInUseException | IllegalStateException e) {
            return;
        }
        List<String> path = new java.util.ArrayList<>();
        String id = account;
        try {
            for (int depth = 0; depth < 10; depth++) {
                String child = id;
                Parent parent = orgs.listParents(b -> b.childId(child)).parents().get(0);
                path.add(0, parent.id());
                if (parent.type() == ParentType.ROOT) {
                    break;
                }
                id = parent.id();
            }
        } catch (OrganizationsException e) {
            aws.put("org_id", orgId);
            return;
        }
        aws.put("org_id", orgId);
        aws.put("ou_path", orgId + "/" + String.join("/", path) + "/");
    }
}
