package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.InvalidGrantTokenException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

class GrantsIT extends KmsTestSupport {
    static final String ROLE = "arn:aws:iam::000000000000:role/app";
    static final String RETIRER = "arn:aws:iam::000000000000:role/retirer";

    @Test
    void createListRetireRevoke() {
        KeyMetadata k = symmetricKey();
        CreateGrantResponse g = kms.createGrant(b -> b.keyId(k.keyId()).granteePrincipal(ROLE).retiringPrincipal(RETIRER)
                .operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT)
                .constraints(c -> c.encryptionContextSubset(Map.of("tenant", "t1"))));
        assertEquals(64, g.grantId().length());
        GrantListEntry entry = kms.listGrants(b -> b.keyId(k.keyId())).grants().get(0);
        assertEquals(g.grantId(), entry.grantId());
        assertEquals(k.keyId(), entry.keyId());
        assertEquals(ROLE, entry.granteePrincipal());
        assertEquals(List.of(GrantOperation.ENCRYPT, GrantOperation.DECRYPT), entry.operations());
        assertEquals(Map.of("tenant", "t1"), entry.constraints().encryptionContextSubset());
        assertTrue(entry.issuingAccount().endsWith(":root"));
        assertTrue(kms.listRetirableGrants(b -> b.retiringPrincipal(RETIRER)).grants().stream()
                .anyMatch(e -> e.grantId().equals(g.grantId())));

        // The token works in later requests until the grant goes.
        kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x")).grantTokens(g.grantToken()));
        kms.retireGrant(b -> b.grantToken(g.grantToken()));
        assertTrue(kms.listGrants(b -> b.keyId(k.keyId())).grants().isEmpty());
        assertError(InvalidGrantTokenException.class, "InvalidGrantTokenException", 400, null,
                () -> kms.encrypt(b -> b.keyId(k.keyId()).plaintext(bytes("x")).grantTokens(g.grantToken())));

        CreateGrantResponse second = kms.createGrant(b -> b.keyId(k.keyId()).granteePrincipal(ROLE)
                .operations(GrantOperation.DESCRIBE_KEY));
        kms.revokeGrant(b -> b.keyId(k.arn()).grantId(second.grantId()));
        assertError(NotFoundException.class, "NotFoundException", 400, null,
                () -> kms.revokeGrant(b -> b.keyId(k.keyId()).grantId(second.grantId())));
    }

    @Test
    void namedGrantsAreIdempotent() {
        KeyMetadata k = symmetricKey();
        CreateGrantResponse a = kms.createGrant(b -> b.keyId(k.keyId()).granteePrincipal(ROLE).name("app")
                .operations(GrantOperation.DECRYPT));
        CreateGrantResponse again = kms.createGrant(b -> b.keyId(k.keyId()).granteePrincipal(ROLE).name("app")
                .operations(GrantOperation.DECRYPT));
        assertEquals(a.grantId(), again.grantId());
        assertNotEquals(a.grantToken(), again.grantToken());
        CreateGrantResponse other = kms.createGrant(b -> b.keyId(k.keyId()).granteePrincipal(ROLE).name("app")
                .operations(GrantOperation.ENCRYPT));
        assertNotEquals(a.grantId(), other.grantId());
        assertEquals(2, kms.listGrants(b -> b.keyId(k.keyId())).grants().size());
        assertEquals(1, kms.listGrants(b -> b.keyId(k.keyId()).grantId(a.grantId())).grants().size());
    }

    @Test
    void grantErrors() {
        KeyMetadata k = symmetricKey();
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.createGrant(b -> b.keyId(k.keyId()).granteePrincipal(ROLE).operations(GrantOperation.SIGN)));
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.retireGrant(b -> b.grantId("abc")));
        assertError(InvalidGrantTokenException.class, "InvalidGrantTokenException", 400, null,
                () -> kms.retireGrant(b -> b.grantToken("not-a-token")));
        assertError(InvalidGrantTokenException.class, "InvalidGrantTokenException", 400, null,
                () -> kms.describeKey(b -> b.keyId(k.keyId()).grantTokens("not-a-token")));
    }
}
