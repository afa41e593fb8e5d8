package io.gureum.ec2.keys;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.regional.RegionalState;
import io.gureum.ec2.regional.RegisteredFamily;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.TagSpecifications;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsResponse;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.ImportKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * CreateKeyPair, ImportKeyPair, DescribeKeyPairs and DeleteKeyPair
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html). Names are unique per account
 * and region; EC2 keeps only the public key, so the private material is in CreateKeyPair's answer alone.
 */
public final class KeyPairs {
    private static final int MAX_NAME = 255;

    /** The key pairs of one account and region, by name. */
    private static final class Store {
        final Map<String, KeyPair> byName = new LinkedHashMap<>();
    }

    private final ServiceContext context;
    private final RegionalState<Store> stores = new RegionalState<>((account, region) -> new Store());
    private final Ec2Filters<KeyPair> filters = new Ec2Filters<KeyPair>(k -> k.tagMap())
            .on("key-pair-id", k -> k.id)
            .on("key-name", k -> k.name)
            .on("fingerprint", k -> k.publicKey.fingerprint())
            .on("key-type", k -> k.publicKey.keyType());

    /** This family's records for --data-dir. */
    public PlaceFamily records() {
        return new RegisteredFamily<>("key-pair", KeyPair.class, stores, s -> s.byName, k -> k.name, null, context.registry());
    }

    public KeyPairs(ServiceContext context) {
        this.context = context;
    }

    public CreateKeyPairResponse createKeyPair(CreateKeyPairRequest r) {
        Store s = stores.current();
        synchronized (s) {
            checkName(r.keyName());
            TagSpecifications.validate(r.tagSpecifications(), "key-pair");
            if (s.byName.containsKey(r.keyName())) {
                throw KeyPairErrors.duplicate(r.keyName());
            }
            String type = r.keyTypeAsString() == null ? "rsa" : r.keyTypeAsString();
            String format = r.keyFormatAsString() == null ? "pem" : r.keyFormatAsString();
            if (!type.equals("rsa") && !type.equals("ed25519")) {
                throw Ec2Errors.invalidValue(type, "KeyType", "Valid values are: rsa, ed25519.");
            }
            if (!format.equals("pem") && !format.equals("ppk")) {
                throw Ec2Errors.invalidValue(format, "KeyFormat", "Valid values are: pem, ppk.");
            }
            Ec2Errors.checkDryRun(r.dryRun());
            GeneratedKey key = GeneratedKey.create(type, format, r.keyName());
            KeyPair k = store(s, r.keyName(), key.publicKey(), r.tagSpecifications());
            return CreateKeyPairResponse.builder().keyPairId(k.id).keyName(k.name)
                    .keyFingerprint(k.publicKey.fingerprint()).keyMaterial(key.material()).tags(k.sdkTags()).build();
        }
    }

    public ImportKeyPairResponse importKeyPair(ImportKeyPairRequest r) {
        Store s = stores.current();
        synchronized (s) {
            checkName(r.keyName());
            TagSpecifications.validate(r.tagSpecifications(), "key-pair");
            SshPublicKey key = ImportedKey.parse(r.publicKeyMaterial().asByteArray());
            if (key == null) {
                throw KeyPairErrors.badFormat();
            }
            if (s.byName.containsKey(r.keyName())) {
                throw KeyPairErrors.duplicate(r.keyName());
            }
            Ec2Errors.checkDryRun(r.dryRun());
            KeyPair k = store(s, r.keyName(), key, r.tagSpecifications());
            return ImportKeyPairResponse.builder().keyPairId(k.id).keyName(k.name)
                    .keyFingerprint(k.publicKey.fingerprint()).tags(k.sdkTags()).build();
        }
    }

    public DescribeKeyPairsResponse describeKeyPairs(DescribeKeyPairsRequest r) {
        Store s = stores.current();
        synchronized (s) {
            List<KeyPair> found = new ArrayList<>(s.byName.values());
            if (r.hasKeyNames() && !r.keyNames().isEmpty()) {
                for (String name : new LinkedHashSet<>(r.keyNames())) {
                    if (!s.byName.containsKey(name)) {
                        throw KeyPairErrors.notFound(name);
                    }
                }
                found.removeIf(k -> !r.keyNames().contains(k.name));
            }
            if (r.hasKeyPairIds() && !r.keyPairIds().isEmpty()) {
                for (String id : new LinkedHashSet<>(r.keyPairIds())) {
                    if (byId(s, id) == null) {
                        throw KeyPairErrors.idNotFound(id);
                    }
                }
                found.removeIf(k -> !r.keyPairIds().contains(k.id));
            }
            var keep = filters.predicate(r.filters());
            Ec2Errors.checkDryRun(r.dryRun());
            boolean withPublicKey = Boolean.TRUE.equals(r.includePublicKey());
            return DescribeKeyPairsResponse.builder()
                    .keyPairs(found.stream().filter(keep).map(k -> info(k, withPublicKey)).toList()).build();
        }
    }

    /**
     * Deleting a key pair that does not exist succeeds, by name or by ID, as EC2 answers it: DeleteKeyPair
     * is idempotent (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteKeyPair.html).
     */
    public DeleteKeyPairResponse deleteKeyPair(DeleteKeyPairRequest r) {
        Store s = stores.current();
        synchronized (s) {
            if (r.keyName() == null && r.keyPairId() == null) {
                throw Ec2Errors.missing("KeyName or KeyPairId");
            }
            KeyPair k = r.keyPairId() != null ? byId(s, r.keyPairId()) : s.byName.get(r.keyName());
            if (k != null && r.keyName() != null && !k.name.equals(r.keyName())) {
                k = null;
            }
            Ec2Errors.checkDryRun(r.dryRun());
            if (k == null) {
                return DeleteKeyPairResponse.builder().returnValue(true).build();
            }
            s.byName.remove(k.name);
            k.forget();
            return DeleteKeyPairResponse.builder().returnValue(true).keyPairId(k.id).build();
        }
    }

    private KeyPair store(Store s, String name, SshPublicKey key, List<TagSpecification> specs) {
        RequestContext ctx = RequestContext.current();
        KeyPair k = new KeyPair(context.ids().next("key"), ctx.accountId(), ctx.region(), context.clock().now(), name, key);
        k.tags.putAll(TagSpecifications.tagsOf(specs));
        k.register(context.registry());
        s.byName.put(name, k);
        return k;
    }

    private static KeyPair byId(Store s, String id) {
        return s.byName.values().stream().filter(k -> k.id.equals(id)).findFirst().orElse(null);
    }

    /** Key names: up to 255 ASCII characters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateKeyPair.html). */
    private static void checkName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw Ec2Errors.invalidValue(name, "KeyName", "Key names must be 1 to 255 ASCII characters.");
        }
    }

    private static KeyPairInfo info(KeyPair k, boolean withPublicKey) {
        return KeyPairInfo.builder().keyPairId(k.id).keyName(k.name).keyType(k.publicKey.keyType())
                .keyFingerprint(k.publicKey.fingerprint()).createTime(k.created).tags(k.sdkTags())
                .publicKey(withPublicKey ? k.publicKey.openSshLine(k.name) : null).build();
    }
}
