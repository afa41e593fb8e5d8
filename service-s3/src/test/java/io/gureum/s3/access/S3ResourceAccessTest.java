package io.gureum.s3.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.s3.Owners;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.ContentHeaders;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.Type;

class S3ResourceAccessTest {
    private static final String OWNER = "111111111111";
    private static final String OTHER = "222222222222";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC_READ = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":"*",
             "Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"}]}""";

    @TempDir
    Path dir;
    S3Store store;
    S3ResourceAccess access;
    Bucket bucket;

    @BeforeEach
    void setUp() {
        store = new S3Store(dir);
        access = new S3ResourceAccess(store, owner -> null, alias -> null);
        bucket = new Bucket("b1", OWNER, "us-east-1", Instant.EPOCH);
        store.buckets.put("b1", bucket);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aBucketWithoutPolicyIsItsOwnersAlone() {
        ResourceAccess a = access.of("arn:aws:s3:::b1");
        assertEquals(OWNER, a.ownerAccountId());
        assertNull(a.policyJson());
        assertEquals(OWNER, access.of("arn:aws:s3:::b1/some/key").ownerAccountId());
        assertNull(access.of("arn:aws:s3:::nobucket"));
        assertNull(access.of("arn:aws:sqs:us-east-1:111111111111:q"));
    }

    @Test
    void theBucketPolicyIsTheDocumentAndIsCachedUntilItChanges() throws Exception {
        bucket.policy = PUBLIC_READ;
        String first = access.of("arn:aws:s3:::b1").policyJson();
        assertEquals("Read", JSON.readTree(first).get("Statement").get(0).get("Sid").asText());
        assertSame(first, access.of("arn:aws:s3:::b1").policyJson(), "cached, not rebuilt per request");
        assertSame(first, access.of("arn:aws:s3:::b1/k").policyJson());
        bucket.policy = null;
        assertNull(access.of("arn:aws:s3:::b1").policyJson());
    }

    @Test
    void aclGrantsBecomeStatementsOnlyWhenAclsAreEnabled() throws Exception {
        bucket.acl = acl(grant(group(AclStatements.ALL_USERS), Permission.READ),
                grant(user(OTHER), Permission.WRITE));
        bucket.ownership = ownership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertNull(access.of("arn:aws:s3:::b1").policyJson(), "BucketOwnerEnforced disables ACLs");
        bucket.ownership = null; // no ownership controls: ObjectWriter
        assertEquals(2, statements("arn:aws:s3:::b1").size());
        bucket.ownership = ownership(ObjectOwnership.BUCKET_OWNER_PREFERRED);
        JsonNode st = statements("arn:aws:s3:::b1");
        assertEquals(2, st.size());
        assertEquals("*", st.get(0).get("Principal").asText());
        assertEquals(List.of("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"),
                texts(st.get(0).get("Action")));
        assertEquals("arn:aws:s3:::b1", st.get(0).get("Resource").asText());
        assertEquals("arn:aws:iam::" + OTHER + ":root", st.get(1).get("Principal").get("AWS").asText());
        assertEquals(List.of("s3:PutObject", "s3:DeleteObject"), texts(st.get(1).get("Action")));
        assertEquals("arn:aws:s3:::b1/*", st.get(1).get("Resource").asText());
        bucket.ownership = ownership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertNull(access.of("arn:aws:s3:::b1").policyJson());
    }

    @Test
    void ignorePublicAclsDropsPublicGrantsOnly() throws Exception {
        bucket.ownership = ownership(ObjectOwnership.OBJECT_WRITER);
        bucket.acl = acl(grant(group(AclStatements.AUTHENTICATED_USERS), Permission.FULL_CONTROL),
                grant(user(OTHER), Permission.READ_ACP));
        assertEquals(5, statements("arn:aws:s3:::b1").size(), "FULL_CONTROL is four statements");
        bucket.publicAccessBlock = PublicAccessBlockConfiguration.builder().ignorePublicAcls(true).build();
        JsonNode st = statements("arn:aws:s3:::b1");
        assertEquals(1, st.size());
        assertEquals(List.of("s3:GetBucketAcl"), texts(st.get(0).get("Action")));
    }

    @Test
    void restrictPublicBucketsKeepsAPublicPolicyToTheOwnerAndServices() throws Exception {
        bucket.policy = PUBLIC_READ;
        bucket.publicAccessBlock = PublicAccessBlockConfiguration.builder().restrictPublicBuckets(true).build();
        JsonNode st = statements("arn:aws:s3:::b1");
        assertEquals(2, st.size());
        assertEquals(OWNER, st.get(0).get("Condition").get("StringEquals").get("aws:PrincipalAccount").asText());
        assertEquals("true", st.get(1).get("Condition").get("Bool").get("aws:PrincipalIsAWSService").asText());
        // Non-public delegation inside a public policy is blocked too: the owner-only condition is ANDed.
        bucket.policy = """
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
                 {"Sid":"Partner","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*",
                  "Condition":{"StringEquals":{"aws:PrincipalAccount":"222222222222"}}}]}""";
        st = statements("arn:aws:s3:::b1");
        assertEquals(4, st.size());
        JsonNode partner = st.get(2);
        assertEquals("PartnerOwnerOnly", partner.get("Sid").asText());
        assertEquals(OTHER, partner.get("Condition").get("StringEquals").get("aws:PrincipalAccount").asText());
        assertEquals(OWNER, partner.get("Condition").get("StringLike").get("aws:PrincipalAccount").asText());
        // A non-public policy is left as it is.
        bucket.policy = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::b1/*"}]}""";
        st = statements("arn:aws:s3:::b1");
        assertEquals(1, st.size());
        assertFalse(st.get(0).has("Condition"));
    }

    /** S3 Control's account-level settings count as the bucket's own would, and the cache follows them. */
    @Test
    void theOwnerAccountsBlockAppliesAndAnAliasNamesTheBucket() throws Exception {
        java.util.Map<String, io.gureum.s3.control.ControlState.Block> accounts = new java.util.HashMap<>();
        access = new S3ResourceAccess(store, accounts::get, name -> name.equals("ap-x-s3alias") ? "b1" : name);
        bucket.policy = PUBLIC_READ;
        assertEquals(1, statements("arn:aws:s3:::b1").size());
        accounts.put(OTHER, new io.gureum.s3.control.ControlState.Block(false, false, false, true));
        assertEquals(1, statements("arn:aws:s3:::b1").size(), "another account's block does not apply");
        accounts.put(OWNER, new io.gureum.s3.control.ControlState.Block(false, false, false, true));
        JsonNode st = statements("arn:aws:s3:::b1");
        assertEquals(2, st.size(), "RestrictPublicBuckets of the owner's account");
        assertEquals(OWNER, st.get(0).get("Condition").get("StringEquals").get("aws:PrincipalAccount").asText());
        assertEquals(OWNER, access.of("arn:aws:s3:::ap-x-s3alias/k").ownerAccountId());
        accounts.remove(OWNER);
        assertEquals(1, statements("arn:aws:s3:::b1").size());
    }

    @Test
    void anObjectAddsItsOwnAclGrants() throws Exception {
        bucket.ownership = ownership(ObjectOwnership.BUCKET_OWNER_PREFERRED);
        StoredObject o = new StoredObject("k/1", "null", false, List.of(), 0, "\"e\"", Instant.EPOCH, OWNER,
                ContentHeaders.NONE, Map.of(), Map.of(), null, List.of(), "STANDARD", Map.of(), null);
        o.acl = acl(grant(group(AclStatements.ALL_USERS), Permission.READ));
        KeyVersions v = new KeyVersions();
        v.addLatest(o);
        bucket.objects.put("k/1", v);
        JsonNode st = statements("arn:aws:s3:::b1/k/1");
        assertEquals(1, st.size());
        assertEquals(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTorrent"),
                texts(st.get(0).get("Action")));
        assertEquals("arn:aws:s3:::b1/k/1", st.get(0).get("Resource").asText());
        assertNull(access.of("arn:aws:s3:::b1").policyJson(), "the object's grants are not the bucket's");
    }

    @Test
    void whatIsAPublicPolicy() throws Exception {
        assertTrue(PublicPolicies.isPublic(JSON.readTree(PUBLIC_READ)));
        assertFalse(PublicPolicies.isPublic(JSON.readTree("""
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}}]}""")));
        assertTrue(PublicPolicies.isPublic(JSON.readTree("""
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject","Resource":"*",
                 "Condition":{"StringLike":{"aws:SourceAccount":"1111*"}}}]}""")));
        assertTrue(PublicPolicies.isPublic(JSON.readTree("""
                {"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/1"}}}}""")));
        assertFalse(PublicPolicies.isPublic(JSON.readTree("""
                {"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}""")));
        assertFalse(PublicPolicies.isPublic(JSON.readTree("""
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},
                 "Action":"s3:PutObject","Resource":"*"}]}""")));
    }

    private JsonNode statements(String arn) throws Exception {
        String doc = access.of(arn).policyJson();
        assertNotNull(doc);
        return JSON.readTree(doc).get("Statement");
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static AccessControlPolicy acl(Grant... grants) {
        return AccessControlPolicy.builder().grants(grants).build();
    }

    private static Grant grant(Grantee grantee, Permission permission) {
        return Grant.builder().grantee(grantee).permission(permission).build();
    }

    private static Grantee group(String uri) {
        return Grantee.builder().type(Type.GROUP).uri(uri).build();
    }

    private static Grantee user(String account) {
        return Grantee.builder().type(Type.CANONICAL_USER).id(Owners.canonicalId(account)).build();
    }

    private static OwnershipControls ownership(ObjectOwnership o) {
        return OwnershipControls.builder().rules(OwnershipControlsRule.builder().objectOwnership(o).build()).build();
    }
}
