package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.InvalidAliasNameException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.TagException;

class AliasesIT extends KmsTestSupport {

    @Test
    void createUpdateListDelete() {
        KeyMetadata a = symmetricKey();
        KeyMetadata b = symmetricKey();
        String name = "alias/" + unique("orders");
        kms.createAlias(r -> r.aliasName(name).targetKeyId(a.keyId()));
        AliasListEntry entry = only(kms.listAliases(r -> r.keyId(a.keyId())).aliases());
        assertEquals(name, entry.aliasName());
        assertEquals(a.arn().replace("key/" + a.keyId(), name), entry.aliasArn());
        assertEquals(a.keyId(), entry.targetKeyId());

        kms.updateAlias(r -> r.aliasName(name).targetKeyId(b.arn()));
        assertEquals(b.keyId(), kms.describeKey(r -> r.keyId(name)).keyMetadata().keyId());
        assertTrue(kms.listAliases(r -> r.keyId(a.keyId())).aliases().isEmpty());

        kms.deleteAlias(r -> r.aliasName(name));
        assertError(NotFoundException.class, "NotFoundException", 400, null, () -> kms.describeKey(r -> r.keyId(name)));
        assertError(NotFoundException.class, "NotFoundException", 400, null, () -> kms.deleteAlias(r -> r.aliasName(name)));
    }

    @Test
    void aliasErrors() {
        KeyMetadata k = symmetricKey();
        String name = "alias/" + unique("dup");
        kms.createAlias(r -> r.aliasName(name).targetKeyId(k.keyId()));
        assertError(AlreadyExistsException.class, "AlreadyExistsException", 400,
                "An alias with the name " + k.arn().replace("key/" + k.keyId(), name) + " already exists",
                () -> kms.createAlias(r -> r.aliasName(name).targetKeyId(k.keyId())));
        assertError(KmsException.class, "ValidationException", 400, "Alias must start with the prefix \"alias/\". "
                + "Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
                () -> kms.createAlias(r -> r.aliasName("no-prefix").targetKeyId(k.keyId())));
        assertError(InvalidAliasNameException.class, "InvalidAliasNameException", 400, null,
                () -> kms.createAlias(r -> r.aliasName("alias/aws/mine").targetKeyId(k.keyId())));
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.createAlias(r -> r.aliasName("alias/" + unique("x")).targetKeyId(name)));
        KeyMetadata signing = key(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        assertError(KmsException.class, "ValidationException", 400, null,
                () -> kms.updateAlias(r -> r.aliasName(name).targetKeyId(signing.keyId())));
        kms.scheduleKeyDeletion(r -> r.keyId(signing.keyId()));
        assertError(KmsInvalidStateException.class, "KMSInvalidStateException", 400, null,
                () -> kms.createAlias(r -> r.aliasName("alias/" + unique("gone")).targetKeyId(signing.keyId())));
    }

    @Test
    void awsManagedKeysAreCreatedOnFirstUseByName() {
        KeyMetadata s3 = kms.describeKey(r -> r.keyId("alias/aws/s3")).keyMetadata();
        assertEquals("AWS", s3.keyManagerAsString());
        assertEquals("Default key that protects my S3 objects when no other key is defined", s3.description());
        assertEquals(s3.keyId(), kms.describeKey(r -> r.keyId("alias/aws/s3")).keyMetadata().keyId(), "made once");
        var ct = kms.encrypt(r -> r.keyId("alias/aws/ssm").plaintext(bytes("secure"))).ciphertextBlob();
        assertEquals("secure", kms.decrypt(r -> r.ciphertextBlob(ct)).plaintext().asUtf8String());
        Map<String, String> aliases = kms.listAliases().aliases().stream()
                .collect(Collectors.toMap(AliasListEntry::aliasName, e -> String.valueOf(e.targetKeyId())));
        assertEquals(s3.keyId(), aliases.get("alias/aws/s3"));
        assertTrue(aliases.containsKey("alias/aws/ssm"));
        assertTrue(kms.getKeyRotationStatus(r -> r.keyId(s3.keyId())).keyRotationEnabled(), "AWS rotates its keys");
        assertError(NotFoundException.class, "NotFoundException", 400, null,
                () -> kms.describeKey(r -> r.keyId("alias/aws/no-such-service")));
    }

    @Test
    void tagsAreRecordedAndListed() {
        KeyMetadata k = kms.createKey(r -> r.tags(Tag.builder().tagKey("team").tagValue("a").build())).keyMetadata();
        kms.tagResource(r -> r.keyId(k.keyId()).tags(Tag.builder().tagKey("env").tagValue("dev").build(),
                Tag.builder().tagKey("team").tagValue("b").build()));
        assertEquals(Map.of("team", "b", "env", "dev"), tags(k));
        kms.untagResource(r -> r.keyId(k.arn()).tagKeys("team", "absent"));
        assertEquals(Map.of("env", "dev"), tags(k));
        assertEquals(Map.of("env", "dev"), gureum.context().registry()
                .tags(io.gureum.core.ids.Arn.parse(k.arn())), "core's registry holds the tags");
        assertError(TagException.class, "TagException", 400, null,
                () -> kms.tagResource(r -> r.keyId(k.keyId()).tags(Tag.builder().tagKey("aws:x").tagValue("1").build())));
        kms.scheduleKeyDeletion(r -> r.keyId(k.keyId()));
        assertError(KmsInvalidStateException.class, "KMSInvalidStateException", 400, null,
                () -> kms.tagResource(r -> r.keyId(k.keyId()).tags(Tag.builder().tagKey("a").tagValue("1").build())));
        assertEquals(Map.of("env", "dev"), tags(k), "tags are listed while pending deletion");
    }

    private static Map<String, String> tags(KeyMetadata k) {
        return kms.listResourceTags(r -> r.keyId(k.keyId())).tags().stream()
                .collect(Collectors.toMap(Tag::tagKey, Tag::tagValue));
    }

    private static <T> T only(List<T> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }
}
