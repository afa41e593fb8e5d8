package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kms.KmsClient;

/** Encryption at rest with the real KMS: owned, AWS managed and customer managed keys, and bad keys. */
class EncryptionIT extends DynamoDbTestSupport {
    static KmsClient kms;

    @BeforeAll
    static void kms() {
        kms = AwsClients.client(KmsClient.builder(), gureum);
    }

    @AfterAll
    static void closeKms() {
        kms.close();
    }

    static TableDescription create(String name, SSESpecification sse) {
        return ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)).sseSpecification(sse))
                .tableDescription();
    }

    static SSEDescription sse(String table) {
        return ddb.describeTable(d -> d.tableName(table)).table().sseDescription();
    }

    @Test
    void ownedKeyByDefaultManagedKeyWhenEnabled() {
        String plain = unique("plain");
        assertNull(create(plain, null).sseDescription());
        assertNull(create(unique("off"), SSESpecification.builder().enabled(false).build()).sseDescription());
        String managed = unique("managed");
        SSEDescription d = create(managed, SSESpecification.builder().enabled(true).build()).sseDescription();
        assertEquals("ENABLED", d.statusAsString());
        assertEquals(SSEType.KMS, d.sseType());
        assertEquals(kms.describeKey(k -> k.keyId("alias/aws/dynamodb")).keyMetadata().arn(), d.kmsMasterKeyArn());
    }

    @Test
    void customerManagedKeyByAliasReportsItsArn() {
        String arn = kms.createKey(k -> k.description("ddb")).keyMetadata().arn();
        String alias = "alias/" + unique("ddb");
        kms.createAlias(a -> a.aliasName(alias).targetKeyId(arn));
        String table = unique("cmk");
        create(table, SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(alias).build());
        assertEquals(arn, sse(table).kmsMasterKeyArn());
    }

    @Test
    void updateTableSwitchesKeys() {
        String table = unique("upd");
        create(table, null);
        String arn = kms.createKey(k -> k.description("ddb")).keyMetadata().arn();
        ddb.updateTable(u -> u.tableName(table).sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS)
                .kmsMasterKeyId(arn)));
        assertEquals(arn, sse(table).kmsMasterKeyArn());
        ddb.updateTable(u -> u.tableName(table).sseSpecification(s -> s.enabled(false)));
        assertNull(sse(table));
    }

    @Test
    void aMissingOrDisabledKeyIsAValidationException() {
        DynamoDbException missing = assertThrows(DynamoDbException.class, () -> create(unique("missing"),
                SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId("alias/nope").build()));
        assertEquals("ValidationException", missing.awsErrorDetails().errorCode());
        assertEquals(400, missing.statusCode());
        assertTrue(missing.awsErrorDetails().errorMessage().startsWith(
                "KMS validation error: com.amazonaws.services.kms.model.NotFoundException: "),
                missing.awsErrorDetails().errorMessage());

        String arn = kms.createKey(k -> k.description("ddb")).keyMetadata().arn();
        kms.disableKey(d -> d.keyId(arn));
        DynamoDbException disabled = assertThrows(DynamoDbException.class, () -> create(unique("disabled"),
                SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(arn).build()));
        assertTrue(disabled.awsErrorDetails().errorMessage().contains("DisabledException"));

        DynamoDbException noType = assertThrows(DynamoDbException.class, () -> create(unique("notype"),
                SSESpecification.builder().enabled(true).kmsMasterKeyId(arn).build()));
        assertEquals("SSEType KMS is required if KMSMasterKeyId is specified",
                noType.awsErrorDetails().errorMessage());
    }

    @Test
    void aKeyDisabledLaterMakesTheTableInaccessibleUntilEnabled() {
        String arn = kms.createKey(k -> k.description("ddb")).keyMetadata().arn();
        String table = unique("later");
        create(table, SSESpecification.builder().enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(arn).build());
        kms.disableKey(d -> d.keyId(arn));
        TableDescription t = ddb.describeTable(d -> d.tableName(table)).table();
        assertEquals(TableStatus.INACCESSIBLE_ENCRYPTION_CREDENTIALS, t.tableStatus());
        assertNotNull(t.sseDescription().inaccessibleEncryptionDateTime());
        kms.enableKey(e -> e.keyId(arn));
        t = ddb.describeTable(d -> d.tableName(table)).table();
        assertEquals(TableStatus.ACTIVE, t.tableStatus());
        assertNull(t.sseDescription().inaccessibleEncryptionDateTime());
    }
}
