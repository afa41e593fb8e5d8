package io.gureum.kms;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.kms.model.CreateGrantRequest;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.GrantConstraints;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.ListGrantsRequest;
import software.amazon.awssdk.services.kms.model.ListGrantsResponse;
import software.amazon.awssdk.services.kms.model.ListRetirableGrantsRequest;
import software.amazon.awssdk.services.kms.model.ListRetirableGrantsResponse;
import software.amazon.awssdk.services.kms.model.RetireGrantRequest;
import software.amazon.awssdk.services.kms.model.RetireGrantResponse;
import software.amazon.awssdk.services.kms.model.RevokeGrantRequest;
import software.amazon.awssdk.services.kms.model.RevokeGrantResponse;

/**
 * Grants (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html): created, listed, retired
 * and revoked, with their tokens honoured in later requests' GrantTokens. A named grant is idempotent:
 * the same request again returns the existing grant's ID with a new token (API_CreateGrant.html, Name).
 */
final class Grants {
    private static final Set<String> COMMON = Set.of("CreateGrant", "RetireGrant", "DescribeKey");
    /** Encryption context constraints apply only to operations that take an encryption context. */
    private static final Set<String> WITH_CONTEXT = Set.of("Encrypt", "Decrypt", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
            "ReEncryptFrom", "ReEncryptTo", "CreateGrant", "RetireGrant", "DescribeKey");

    private final KmsStores stores;
    private final KeyLookup lookup;

    Grants(KmsStores stores, KeyLookup lookup) {
        this.stores = stores;
        this.lookup = lookup;
    }

    public CreateGrantResponse createGrant(CreateGrantRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        KmsKey key = lookup.findShared(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        List<String> operations = request.operationsAsStrings();
        Set<String> allowed = operationsFor(key);
        for (String op : operations) {
            if (!allowed.contains(op)) {
                throw KmsErrors.validation("Grant operation " + op + " is not valid for a key with KeySpec " + key.keySpec
                        + " and KeyUsage " + key.keyUsage + ".");
            }
        }
        GrantConstraints c = request.constraints();
        Map<String, String> subset = c == null || !c.hasEncryptionContextSubset() ? null : c.encryptionContextSubset();
        Map<String, String> equals = c == null || !c.hasEncryptionContextEquals() ? null : c.encryptionContextEquals();
        if ((subset != null || equals != null) && !WITH_CONTEXT.containsAll(operations)) {
            throw KmsErrors.validation("Grant constraints are valid only for operations that accept an encryption "
                    + "context.");
        }
        KmsErrors.dryRun(request.dryRun());
        Grant grant = request.name() == null ? null : same(key, request, operations, subset, equals);
        if (grant == null) {
            grant = new Grant(key.keyId, stores.ids.hex(64), request.name(), stores.now(), request.granteePrincipal(),
                    request.retiringPrincipal(), "arn:aws:iam::" + key.account + ":root", List.copyOf(operations), subset,
                    equals);
            key.grants.put(grant.grantId(), grant);
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(KeyMaterial.random(96));
        stores.grantTokens.put(token, grant.grantId());
        return CreateGrantResponse.builder().grantId(grant.grantId()).grantToken(token).build();
    }

    public ListGrantsResponse listGrants(ListGrantsRequest request) {
        KmsKey key = lookup.findShared(request.keyId());
        List<Grant> grants = new ArrayList<>();
        for (Grant g : key.grants.values()) {
            if ((request.grantId() == null || g.grantId().equals(request.grantId()))
                    && (request.granteePrincipal() == null || g.granteePrincipal().equals(request.granteePrincipal()))) {
                grants.add(g);
            }
        }
        Markers.Page<Grant> page = Markers.page(grants, request.limit(), request.marker(), 50, Grant::grantId);
        return ListGrantsResponse.builder().grants(entries(page.items())).nextMarker(page.nextMarker())
                .truncated(page.truncated()).build();
    }

    public ListRetirableGrantsResponse listRetirableGrants(ListRetirableGrantsRequest request) {
        List<Grant> grants = new ArrayList<>();
        for (KmsKey key : stores.current().keys.values()) {
            for (Grant g : key.grants.values()) {
                if (request.retiringPrincipal().equals(g.retiringPrincipal())) {
                    grants.add(g);
                }
            }
        }
        Markers.Page<Grant> page = Markers.page(grants, request.limit(), request.marker(), 50, Grant::grantId);
        return ListRetirableGrantsResponse.builder().grants(entries(page.items())).nextMarker(page.nextMarker())
                .truncated(page.truncated()).build();
    }

    /** By GrantToken, or by KeyId and GrantId together (API_RetireGrant.html). */
    public RetireGrantResponse retireGrant(RetireGrantRequest request) {
        KmsKey key;
        String grantId;
        if (request.grantToken() != null) {
            grantId = stores.grantTokens.get(request.grantToken());
            if (grantId == null) {
                throw KmsErrors.invalidGrantToken();
            }
            key = keyOfGrant(grantId);
        } else if (request.keyId() != null && request.grantId() != null) {
            key = lookup.findShared(request.keyId());
            grantId = request.grantId();
        } else {
            throw KmsErrors.validation("Grant token OR (grant ID, key ID) must be specified");
        }
        remove(key, grantId, request.dryRun());
        return RetireGrantResponse.builder().build();
    }

    public RevokeGrantResponse revokeGrant(RevokeGrantRequest request) {
        remove(lookup.findShared(request.keyId()), request.grantId(), request.dryRun());
        return RevokeGrantResponse.builder().build();
    }

    private void remove(KmsKey key, String grantId, Boolean dryRun) {
        if (key == null || !key.grants.containsKey(grantId)) {
            throw KmsErrors.notFound("Grant ID " + grantId + " not found");
        }
        KmsErrors.dryRun(dryRun);
        key.grants.remove(grantId);
        stores.grantTokens.values().removeIf(grantId::equals);
    }

    private KmsKey keyOfGrant(String grantId) {
        for (KmsKey key : stores.current().keys.values()) {
            if (key.grants.containsKey(grantId)) {
                return key;
            }
        }
        return null;
    }

    private static Grant same(KmsKey key, CreateGrantRequest r, List<String> operations, Map<String, String> subset,
            Map<String, String> equals) {
        for (Grant g : key.grants.values()) {
            if (r.name().equals(g.name()) && g.granteePrincipal().equals(r.granteePrincipal())
                    && Objects.equals(g.retiringPrincipal(), r.retiringPrincipal())
                    && new HashSet<>(g.operations()).equals(new HashSet<>(operations))
                    && Objects.equals(g.contextSubset(), subset) && Objects.equals(g.contextEquals(), equals)) {
                return g;
            }
        }
        return null;
    }

    private static Set<String> operationsFor(KmsKey key) {
        Set<String> ops = new HashSet<>(COMMON);
        switch (key.keyUsage) {
            case KeySpecs.ENCRYPT_DECRYPT -> {
                ops.addAll(List.of("Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo"));
                if (key.keySpec.equals(KeySpecs.SYMMETRIC_DEFAULT)) {
                    ops.addAll(List.of("GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair",
                            "GenerateDataKeyPairWithoutPlaintext"));
                } else {
                    ops.add("GetPublicKey");
                }
            }
            case KeySpecs.SIGN_VERIFY -> ops.addAll(List.of("Sign", "Verify", "GetPublicKey"));
            case KeySpecs.GENERATE_VERIFY_MAC -> ops.addAll(List.of("GenerateMac", "VerifyMac"));
            default -> ops.addAll(List.of("DeriveSharedSecret", "GetPublicKey"));
        }
        return ops;
    }

    private static List<GrantListEntry> entries(List<Grant> grants) {
        List<GrantListEntry> out = new ArrayList<>();
        for (Grant g : grants) {
            GrantListEntry.Builder b = GrantListEntry.builder().keyId(g.keyId()).grantId(g.grantId()).name(g.name())
                    .creationDate(g.creationDate()).granteePrincipal(g.granteePrincipal())
                    .retiringPrincipal(g.retiringPrincipal()).issuingAccount(g.issuingAccount())
                    .operationsWithStrings(g.operations());
            if (g.contextSubset() != null || g.contextEquals() != null) {
                b.constraints(GrantConstraints.builder().encryptionContextSubset(g.contextSubset())
                        .encryptionContextEquals(g.contextEquals()).build());
            }
            out.add(b.build());
        }
        return out;
    }
}
