package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.spi.Caller;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

class MultiRegionIT extends KmsTestSupport {

    private static KmsClient in(String account, String region) {
        return gureum.context().clients().client(KmsClient.class, Caller.root(account, region));
    }

    @Test
    void replicaSharesIdAndMaterialAcrossRegions() {
        KeyMetadata primary = kms.createKey(b -> b.multiRegion(true).description("mrk")).keyMetadata();
        var replicated = kms.replicateKey(b -> b.keyId(primary.keyId()).replicaRegion("eu-west-1"));
        KeyMetadata replica = replicated.replicaKeyMetadata();
        assertEquals(primary.keyId(), replica.keyId());
        assertEquals(primary.arn().replace("us-east-1", "eu-west-1"), replica.arn());
        assertEquals("REPLICA", replica.multiRegionConfiguration().multiRegionKeyTypeAsString());
        assertEquals("us-east-1", replica.multiRegionConfiguration().primaryKey().region());
        assertEquals("mrk", replica.description());
        KeyMetadata described = kms.describeKey(b -> b.keyId(primary.keyId())).keyMetadata();
        assertEquals(List.of("eu-west-1"), described.multiRegionConfiguration().replicaKeys().stream()
                .map(r -> r.region()).toList());

        KmsClient eu = in(primary.awsAccountId(), "eu-west-1");
        SdkBytes ct = kms.encrypt(b -> b.keyId(primary.keyId()).plaintext(bytes("across"))).ciphertextBlob();
        assertEquals("across", eu.decrypt(b -> b.ciphertextBlob(ct)).plaintext().asUtf8String());
        // A rotation of the primary reaches the replica.
        kms.rotateKeyOnDemand(b -> b.keyId(primary.keyId()));
        SdkBytes rotated = eu.encrypt(b -> b.keyId(primary.keyId()).plaintext(bytes("after"))).ciphertextBlob();
        assertEquals("after", kms.decrypt(b -> b.ciphertextBlob(rotated)).plaintext().asUtf8String());

        assertError(AlreadyExistsException.class, "AlreadyExistsException", 400, null,
                () -> kms.replicateKey(b -> b.keyId(primary.keyId()).replicaRegion("eu-west-1")));
        assertError(UnsupportedOperationException.class, "UnsupportedOperationException", 400, null,
                () -> eu.replicateKey(b -> b.keyId(primary.keyId()).replicaRegion("us-west-2")));
    }

    @Test
    void updatePrimaryRegionSwapsRoles() {
        KeyMetadata primary = kms.createKey(b -> b.multiRegion(true)).keyMetadata();
        kms.replicateKey(b -> b.keyId(primary.keyId()).replicaRegion("us-west-2"));
        assertError(NotFoundException.class, "NotFoundException", 400, null,
                () -> kms.updatePrimaryRegion(b -> b.keyId(primary.keyId()).primaryRegion("ap-south-1")));
        kms.updatePrimaryRegion(b -> b.keyId(primary.keyId()).primaryRegion("us-west-2"));
        assertEquals("REPLICA", kms.describeKey(b -> b.keyId(primary.keyId())).keyMetadata()
                .multiRegionConfiguration().multiRegionKeyTypeAsString());
        assertEquals("PRIMARY", in(primary.awsAccountId(), "us-west-2").describeKey(b -> b.keyId(primary.keyId()))
                .keyMetadata().multiRegionConfiguration().multiRegionKeyTypeAsString());
    }

    @Test
    void primaryWaitsForItsReplicasBeforeDeletion() {
        KeyMetadata primary = kms.createKey(b -> b.multiRegion(true)).keyMetadata();
        kms.replicateKey(b -> b.keyId(primary.keyId()).replicaRegion("ca-central-1"));
        assertEquals(KeyState.PENDING_REPLICA_DELETION,
                kms.scheduleKeyDeletion(b -> b.keyId(primary.keyId()).pendingWindowInDays(7)).keyState());
        KmsClient ca = in(primary.awsAccountId(), "ca-central-1");
        advance(Duration.ofDays(8));
        assertEquals(KeyState.PENDING_REPLICA_DELETION,
                kms.describeKey(b -> b.keyId(primary.keyId())).keyMetadata().keyState());
        ca.scheduleKeyDeletion(b -> b.keyId(primary.keyId()).pendingWindowInDays(7));
        advance(Duration.ofDays(8));
        assertError(NotFoundException.class, "NotFoundException", 400, null,
                () -> ca.describeKey(b -> b.keyId(primary.keyId())));
        assertError(NotFoundException.class, "NotFoundException", 400, null,
                () -> kms.describeKey(b -> b.keyId(primary.keyId())));
    }

    @Test
    void singleRegionKeysDoNotReplicate() {
        KeyMetadata k = symmetricKey();
        assertError(UnsupportedOperationException.class, "UnsupportedOperationException", 400, null,
                () -> kms.replicateKey(b -> b.keyId(k.keyId()).replicaRegion("eu-west-1")));
    }
}
