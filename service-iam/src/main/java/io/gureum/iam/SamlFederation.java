package io.gureum.iam;

import io.gureum.iam.policy.AuthorizationRequest;
import io.gureum.iam.policy.ContextKeys;
import io.gureum.iam.policy.PolicyDocument;
import io.gureum.iam.policy.PolicySyntaxException;
import io.gureum.iam.policy.RequestPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;

/**
 * {@code AssumeRoleWithSAML} (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html):
 * the SAML provider ({@code PrincipalArn}) must exist in the role's account; the response's assertion must be
 * signed with one of the certificates of its metadata, issued by its entity ID, meant for AWS (audience
 * {@code https://signin.aws.amazon.com/saml} or {@code urn:amazon:webservices}), unexpired on the core clock, and
 * name the role and provider pair in its {@code Role} attribute and a {@code RoleSessionName}; the role's trust
 * policy must allow {@code Federated: <provider>} the action, with {@code SAML:aud}, {@code SAML:iss},
 * {@code SAML:sub}, {@code SAML:sub_type} and {@code SAML:namequalifier}.
 */
final class SamlFederation {
    private static final Pattern ROLE_ARN = Pattern.compile("arn:([\\w-]+):iam::(\\d{12}):role/(?:.*/)?([^/]+)");
    private static final String ATTRS = SamlTestIdp.ATTRIBUTES;

    private final StsState sts;

    SamlFederation(StsState sts) {
        this.sts = sts;
    }

    public AssumeRoleWithSamlResponse assumeRoleWithSAML(AssumeRoleWithSamlRequest r) {
        Instant now = sts.context.clock().now();
        SessionPolicies.check(r.policy(), r.policyArns());
        Matcher m = ROLE_ARN.matcher(r.roleArn());
        if (!m.matches()) {
            throw denied();
        }
        String account = m.group(2);
        IamStore.Account iam = sts.iam.get().account(account);
        SamlMetadata metadata;
        String providerName;
        Role role;
        String trust;
        Map<String, String> roleTags;
        int maxSession;
        synchronized (iam) {
            SamlProvider provider = iam.samlProviders.get(r.principalArn());
            if (provider == null) {
                throw invalid("The SAML provider " + r.principalArn() + " does not exist in the role's account");
            }
            metadata = provider.metadata;
            providerName = provider.name;
            role = iam.roles.get(IamStore.key(m.group(3)));
            if (role != null && !role.arn.equals(r.roleArn())) {
                role = null;
            }
            trust = role == null ? null : role.trustPolicy;
            roleTags = role == null ? Map.of() : new TreeMap<>(role.tags);
            maxSession = role == null ? 0 : role.maxSessionDuration;
        }
        SamlAssertion assertion;
        try {
            assertion = SamlAssertion.verified(SamlAssertion.parse(r.samlAssertion()),
                    List.<X509Certificate>copyOf(metadata.signingCertificates()));
        } catch (SamlAssertion.Invalid e) {
            throw invalid(e.getMessage());
        }
        if (assertion.issuer() == null || !assertion.issuer().equals(metadata.entityId())) {
            throw invalid("Issuer " + assertion.issuer() + " is not the provider's entity ID " + metadata.entityId());
        }
        if (assertion.notOnOrAfter() == null || !now.isBefore(assertion.notOnOrAfter())) {
            throw io.gureum.core.error.ModeledErrors.of(ExpiredTokenException.class, "Token expired: current date/time "
                    + now.getEpochSecond() + " must be before the expiration date/time "
                    + (assertion.notOnOrAfter() == null ? 0 : assertion.notOnOrAfter().getEpochSecond()));
        }
        String audience = assertion.audiences().stream().filter(SamlFederation::forAws).findFirst().orElse(null);
        if (audience == null) {
            throw invalid("The SAML assertion's audience is not AWS (https://signin.aws.amazon.com/saml)");
        }
        List<String> pairs = assertion.attributes().getOrDefault(ATTRS + "Role", List.of());
        if (role == null || pairs.stream().noneMatch(p -> names(p, r.roleArn(), r.principalArn()))) {
            throw denied();
        }
        String sessionName = assertion.attribute(ATTRS + "RoleSessionName");
        if (sessionName == null || !sessionName.matches("[\\w+=,.@-]{2,64}")) {
            throw invalid("RoleSessionName is required in AuthnResponse");
        }
        String nameQualifier = nameQualifier(assertion.issuer(), account, providerName);
        Map<String, String> tags = new LinkedHashMap<>();
        assertion.attributes().forEach((name, values) -> {
            if (name.startsWith(ATTRS + "PrincipalTag:") && !values.isEmpty()) {
                tags.put(name.substring((ATTRS + "PrincipalTag:").length()), values.get(0));
            }
        });
        ContextKeys keys = new ContextKeys()
                .put("SAML:aud", assertion.recipient() != null && !assertion.recipient().isEmpty()
                        ? assertion.recipient() : audience)
                .put("SAML:iss", assertion.issuer())
                .put("SAML:sub", assertion.subject())
                .put("SAML:sub_type", assertion.subjectType())
                .put("SAML:namequalifier", nameQualifier)
                .put("sts:RoleSessionName", sessionName)
                .put("aws:FederatedProvider", r.principalArn())
                .put("aws:EpochTime", Long.toString(now.getEpochSecond()));
        tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, v));
        String sourceIdentity = assertion.attribute(ATTRS + "SourceIdentity");
        keys.put("sts:SourceIdentity", sourceIdentity);
        authorize(trust, new AuthorizationRequest(new RequestPrincipal(RequestPrincipal.Kind.SAML, r.principalArn(),
                null, Set.of()), "sts:AssumeRoleWithSAML", r.roleArn(), keys), !tags.isEmpty(), sourceIdentity != null);
        String attributeDuration = assertion.attribute(ATTRS + "SessionDuration");
        int duration = r.durationSeconds() != null ? r.durationSeconds()
                : attributeDuration != null && attributeDuration.matches("\\d{1,6}") ? Integer.parseInt(attributeDuration)
                        : 3600;
        if (duration > maxSession) {
            throw StsErrors.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Integer packed = SessionPolicies.packedSize(r.policy(), r.policyArns(), tags);
        String roleId;
        String roleName;
        synchronized (iam) {
            roleId = role.id;
            roleName = role.name;
        }
        TemporaryCredentials.Keys k = TemporaryCredentials.next(sts.context.ids());
        String sessionArn = "arn:" + m.group(1) + ":sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        StsSession session = new StsSession(StsSession.Kind.ASSUMED_ROLE, k.accessKeyId(), k.secretAccessKey(),
                k.sessionToken(), account, sessionArn, roleId + ":" + sessionName, r.roleArn(),
                TemporaryCredentials.expiration(now, duration), null, sourceIdentity,
                SessionTags.ofSession(roleTags, null, tags), Set.of(), r.policy(),
                r.policyArns().stream().map(p -> p.arn()).toList());
        sts.sessions.add(session);
        return AssumeRoleWithSamlResponse.builder()
                .credentials(TemporaryCredentials.of(session))
                .assumedRoleUser(AssumedRoleUser.builder().arn(sessionArn).assumedRoleId(session.userId()).build())
                .subject(assertion.subject())
                .subjectType(assertion.subjectType())
                .issuer(assertion.issuer())
                .audience(keys.first("SAML:aud"))
                .nameQualifier(nameQualifier)
                .packedPolicySize(packed)
                .sourceIdentity(sourceIdentity)
                .build();
    }

    /** AWS's audiences: the sign-in endpoint (global or regional) or the URN. */
    private static boolean forAws(String audience) {
        return audience.equals("urn:amazon:webservices")
                || audience.matches("https://([a-z0-9-]+\\.)?signin\\.aws\\.amazon\\.com/saml");
    }

    /** A Role attribute value names the role and the provider, in either order. */
    private static boolean names(String pair, String roleArn, String providerArn) {
        String[] parts = pair.split(",");
        return parts.length == 2 && (parts[0].trim().equals(roleArn) && parts[1].trim().equals(providerArn)
                || parts[1].trim().equals(roleArn) && parts[0].trim().equals(providerArn));
    }

    /**
     * {@code NameQualifier}: base64 of SHA-1 of issuer + account ID + "/" + provider name, as the API reference
     * documents it.
     */
    static String nameQualifier(String issuer, String account, String providerName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1")
                    .digest((issuer + account + "/" + providerName).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void authorize(String trust, AuthorizationRequest request, boolean tags, boolean sourceIdentity) {
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parse(trust);
        } catch (PolicySyntaxException e) {
            throw denied();
        }
        if (!policy.evaluate(request).decision().allowed()
                || tags && !policy.evaluate(request.withAction("sts:TagSession")).decision().allowed()
                || sourceIdentity && !policy.evaluate(request.withAction("sts:SetSourceIdentity")).decision().allowed()) {
            throw denied();
        }
    }

    private static InvalidIdentityTokenException invalid(String message) {
        return io.gureum.core.error.ModeledErrors.of(InvalidIdentityTokenException.class, message);
    }

    private static io.gureum.core.error.AwsException denied() {
        return StsErrors.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
    }
}
