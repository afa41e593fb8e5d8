package io.gureum.elb;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteAssociationSameAccountException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteSharedTrustStoreAssociationRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteSharedTrustStoreAssociationResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreAssociationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreAssociationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTrustStoresResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTrustStoreNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreCaCertificatesBundleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreCaCertificatesBundleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreRevocationContentRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.GetTrustStoreRevocationContentResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTrustStoreRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTrustStoreResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTrustStoreRevocationsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTrustStoreRevocationsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationContent;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RevocationIdNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTrustStoreRevocationEntriesException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTrustStoresException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStore;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreAssociation;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TrustStoreRevocation;

/**
 * Trust stores for mutual TLS (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/mutual-authentication.html):
 * a CA certificates bundle and certificate revocation lists read from S3 ({@link TrustStoreFiles}), the status
 * {@code CREATING} for {@link #CREATING} of the core clock and then {@code ACTIVE}, the listeners in verify mode
 * that use one. The bundle and revocation files are served back by {@link TrustStoreDownloads}.
 */
public final class TrustStores {
    /** How long a new trust store is {@code CREATING} on the core clock (AWS documents no figure). */
    static final Duration CREATING = Duration.ofSeconds(30);
    /** "Trust stores per account" (per Region, like every ELB quota). */
    static final int MAX_TRUST_STORES = 20;
    /** "Revocation lists per trust store". */
    static final int MAX_REVOCATION_FILES = 30;
    /** "Revocation entries per trust store". */
    static final long MAX_REVOKED_ENTRIES = 500_000;
    private static final String NAME = "([a-zA-Z0-9]+-)*[a-zA-Z0-9]+";

    private final ElbState state;
    private final TrustStoreFiles files;

    TrustStores(ElbState state, TrustStoreFiles files) {
        this.state = state;
        this.files = files;
    }

    public CreateTrustStoreResponse createTrustStore(CreateTrustStoreRequest r) {
        String name = r.name();
        if (name == null || name.length() > 32 || !name.matches(NAME)) {
            throw ElbErrors.validation("1 validation error detected: Value '" + name + "' at 'name' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: ^" + NAME + "$ and have length "
                    + "between 1 and 32");
        }
        Map<String, String> tags = ElbTags.of(r.hasTags() ? r.tags() : List.of());
        TrustStoreFiles.Bundle bundle = files.bundle(r.caCertificatesBundleS3Bucket(), r.caCertificatesBundleS3Key(),
                r.caCertificatesBundleS3ObjectVersion());
        return state.write(place -> {
            for (StoredTrustStore other : place.trustStores.values()) {
                if (other.name.equals(name)) {
                    throw ElbErrors.of(DuplicateTrustStoreNameException.class, "A trust store with the name '" + name
                            + "' already exists");
                }
            }
            if (place.trustStores.size() >= MAX_TRUST_STORES) {
                throw ElbErrors.of(TooManyTrustStoresException.class, "You've reached the limit on the number of "
                        + "trust stores for your account");
            }
            StoredTrustStore ts = new StoredTrustStore();
            ts.name = name;
            ts.arn = Arn.of(ElbTags.SERVICE, place.region, place.account, "truststore/" + name + "/"
                    + state.context.ids().hex(16)).toString();
            ts.created = state.context.clock().now();
            ts.activeAt = ts.created.plus(CREATING);
            ts.bundle = bundle.pem();
            ts.numberOfCaCertificates = bundle.certificates().size();
            place.trustStores.put(ts.arn, ts);
            ElbTags.register(state.context.registry(), place, ts.arn, tags);
            return CreateTrustStoreResponse.builder().trustStores(view(ts, state.context.clock().now())).build();
        });
    }

    public DescribeTrustStoresResponse describeTrustStores(DescribeTrustStoresRequest r) {
        List<String> arns = r.hasTrustStoreArns() ? r.trustStoreArns() : List.of();
        List<String> names = r.hasNames() ? r.names() : List.of();
        if (!arns.isEmpty() && !names.isEmpty()) {
            throw ElbErrors.validation("Trust store names and trust store ARNs cannot be specified at the same time");
        }
        List<TrustStore> found = state.read(place -> {
            Instant now = state.context.clock().now();
            List<TrustStore> out = new ArrayList<>();
            if (!arns.isEmpty()) {
                for (String arn : new LinkedHashSet<>(arns)) {
                    out.add(view(find(place, arn), now));
                }
            } else if (!names.isEmpty()) {
                for (String name : new LinkedHashSet<>(names)) {
                    StoredTrustStore ts = place.trustStores.values().stream().filter(t -> t.name.equals(name))
                            .findFirst().orElseThrow(TrustStores::notFound);
                    out.add(view(ts, now));
                }
            } else {
                place.trustStores.values().forEach(ts -> out.add(view(ts, now)));
            }
            return out;
        });
        Pages.Page<TrustStore> page = Pages.page(found, r.marker(), r.pageSize(), "truststore");
        return DescribeTrustStoresResponse.builder().trustStores(page.items()).nextMarker(page.nextMarker()).build();
    }

    public ModifyTrustStoreResponse modifyTrustStore(ModifyTrustStoreRequest r) {
        state.read(place -> find(place, r.trustStoreArn()));
        TrustStoreFiles.Bundle bundle = files.bundle(r.caCertificatesBundleS3Bucket(), r.caCertificatesBundleS3Key(),
                r.caCertificatesBundleS3ObjectVersion());
        return state.write(place -> {
            StoredTrustStore ts = find(place, r.trustStoreArn());
            ts.bundle = bundle.pem();
            ts.numberOfCaCertificates = bundle.certificates().size();
            return ModifyTrustStoreResponse.builder().trustStores(view(ts, state.context.clock().now())).build();
        });
    }

    public DeleteTrustStoreResponse deleteTrustStore(DeleteTrustStoreRequest r) {
        return state.write(place -> {
            StoredTrustStore ts = find(place, r.trustStoreArn());
            if (!usedBy(place, ts.arn).isEmpty()) {
                throw ElbErrors.of(TrustStoreInUseException.class, "Trust store '" + ts.arn + "' is currently in use "
                        + "by a listener");
            }
            place.trustStores.remove(ts.arn);
            ElbTags.unregister(state.context.registry(), ts.arn);
            return DeleteTrustStoreResponse.builder().build();
        });
    }

    public GetTrustStoreCaCertificatesBundleResponse getTrustStoreCaCertificatesBundle(
            GetTrustStoreCaCertificatesBundleRequest r) {
        return state.read(place -> {
            StoredTrustStore ts = find(place, r.trustStoreArn());
            return GetTrustStoreCaCertificatesBundleResponse.builder()
                    .location(TrustStoreDownloads.bundleUrl(RequestContext.current(), place, ts,
                            state.context.clock().now())).build();
        });
    }

    public AddTrustStoreRevocationsResponse addTrustStoreRevocations(AddTrustStoreRevocationsRequest r) {
        List<RevocationContent> contents = r.hasRevocationContents() ? r.revocationContents() : List.of();
        List<X509Certificate> cas = state.read(place -> TrustStoreFiles.certificates(find(place, r.trustStoreArn())
                .bundle));
        List<TrustStoreFiles.Revocations> read = new ArrayList<>();
        for (RevocationContent c : contents) {
            if (c.revocationType() != null && !"CRL".equals(c.revocationTypeAsString())) {
                throw ElbErrors.validation("Revocation type '" + c.revocationTypeAsString() + "' is not valid; "
                        + "the valid type is CRL");
            }
            read.add(files.revocations(c.s3Bucket(), c.s3Key(), c.s3ObjectVersion(), cas));
        }
        return state.write(place -> {
            StoredTrustStore ts = find(place, r.trustStoreArn());
            long entries = ts.totalRevokedEntries() + read.stream().mapToLong(TrustStoreFiles.Revocations::entries)
                    .sum();
            if (entries > MAX_REVOKED_ENTRIES || ts.revocations.size() + read.size() > MAX_REVOCATION_FILES) {
                throw ElbErrors.of(TooManyTrustStoreRevocationEntriesException.class, "The specified trust store has "
                        + "too many revocation entries");
            }
            List<TrustStoreRevocation> added = new ArrayList<>();
            for (TrustStoreFiles.Revocations file : read) {
                StoredTrustStore.Revocation rev = new StoredTrustStore.Revocation();
                rev.id = ts.nextRevocationId++;
                rev.content = Base64.getEncoder().encodeToString(file.content());
                rev.entries = file.entries();
                ts.revocations.add(rev);
                added.add(TrustStoreRevocation.builder().trustStoreArn(ts.arn).revocationId(rev.id)
                        .revocationType(rev.type).numberOfRevokedEntries(rev.entries).build());
            }
            return AddTrustStoreRevocationsResponse.builder().trustStoreRevocations(added).build();
        });
    }

    public RemoveTrustStoreRevocationsResponse removeTrustStoreRevocations(RemoveTrustStoreRevocationsRequest r) {
        return state.write(place -> {
            StoredTrustStore ts = find(place, r.trustStoreArn());
            List<Long> ids = r.hasRevocationIds() ? r.revocationIds() : List.of();
            for (Long id : ids) {
                revocation(ts, id);
            }
            Set<Long> gone = Set.copyOf(ids);
            ts.revocations.removeIf(rev -> gone.contains(rev.id));
            return RemoveTrustStoreRevocationsResponse.builder().build();
        });
    }

    public DescribeTrustStoreRevocationsResponse describeTrustStoreRevocations(DescribeTrustStoreRevocationsRequest r) {
        List<DescribeTrustStoreRevocation> found = state.read(place -> {
            StoredTrustStore ts = find(place, r.trustStoreArn());
            List<StoredTrustStore.Revocation> revs = new ArrayList<>();
            if (r.hasRevocationIds() && !r.revocationIds().isEmpty()) {
                for (Long id : new LinkedHashSet<>(r.revocationIds())) {
                    revs.add(revocation(ts, id));
                }
            } else {
                revs.addAll(ts.revocations);
            }
            return revs.stream().map(rev -> DescribeTrustStoreRevocation.builder().trustStoreArn(ts.arn)
                    .revocationId(rev.id).revocationType(rev.type).numberOfRevokedEntries(rev.entries).build())
                    .toList();
        });
        Pages.Page<DescribeTrustStoreRevocation> page = Pages.page(found, r.marker(), r.pageSize(), "revocation");
        return DescribeTrustStoreRevocationsResponse.builder().trustStoreRevocations(page.items())
                .nextMarker(page.nextMarker()).build();
    }

    public GetTrustStoreRevocationContentResponse getTrustStoreRevocationContent(
            GetTrustStoreRevocationContentRequest r) {
        return state.read(place -> {
            StoredTrustStore ts = find(place, r.trustStoreArn());
            StoredTrustStore.Revocation rev = revocation(ts, r.revocationId());
            return GetTrustStoreRevocationContentResponse.builder()
                    .location(TrustStoreDownloads.revocationUrl(RequestContext.current(), place, ts, rev,
                            state.context.clock().now())).build();
        });
    }

    /** The load balancers whose listeners use the trust store in verify mode. */
    public DescribeTrustStoreAssociationsResponse describeTrustStoreAssociations(
            DescribeTrustStoreAssociationsRequest r) {
        List<TrustStoreAssociation> found = state.read(place -> {
            StoredTrustStore ts = find(place, r.trustStoreArn());
            Set<String> lbs = new LinkedHashSet<>();
            usedBy(place, ts.arn).forEach(l -> lbs.add(l.loadBalancerArn));
            return lbs.stream().map(lb -> TrustStoreAssociation.builder().resourceArn(lb).build()).toList();
        });
        Pages.Page<TrustStoreAssociation> page = Pages.page(found, r.marker(), r.pageSize(), "association");
        return DescribeTrustStoreAssociationsResponse.builder().trustStoreAssociations(page.items())
                .nextMarker(page.nextMarker()).build();
    }

    /**
     * Gureum serves no sharing through RAM, so every trust store a caller can name is its own, and AWS answers
     * {@code DeleteAssociationSameAccount} for an association within the owner's account.
     */
    public DeleteSharedTrustStoreAssociationResponse deleteSharedTrustStoreAssociation(
            DeleteSharedTrustStoreAssociationRequest r) {
        return state.read(place -> {
            find(place, r.trustStoreArn());
            throw ElbErrors.of(DeleteAssociationSameAccountException.class, "The specified association can't be "
                    + "within the same account");
        });
    }

    /** The listeners using a trust store in verify mode. Holds the state's lock. */
    static List<StoredListener> usedBy(ElbState.Place place, String trustStoreArn) {
        return place.listeners.values().stream().filter(l -> l.mutualAuthentication != null
                && trustStoreArn.equals(l.mutualAuthentication.path("TrustStoreArn").asText(null))).toList();
    }

    static StoredTrustStore find(ElbState.Place place, String arn) {
        StoredTrustStore ts = arn == null ? null : place.trustStores.get(arn);
        if (ts == null) {
            if (arn != null && (!arn.startsWith("arn:") || !arn.contains(":truststore/"))) {
                throw ElbErrors.validation("'" + arn + "' is not a valid trust store ARN");
            }
            throw notFound();
        }
        return ts;
    }

    private static RuntimeException notFound() {
        return ElbErrors.of(TrustStoreNotFoundException.class, "One or more trust stores not found");
    }

    private static StoredTrustStore.Revocation revocation(StoredTrustStore ts, Long id) {
        return ts.revocations.stream().filter(rev -> id != null && rev.id == id).findFirst()
                .orElseThrow(() -> ElbErrors.of(RevocationIdNotFoundException.class, "The specified revocation ID '"
                        + id + "' does not exist"));
    }

    static TrustStore view(StoredTrustStore ts, Instant now) {
        return TrustStore.builder().name(ts.name).trustStoreArn(ts.arn).status(ts.status(now))
                .numberOfCaCertificates(ts.numberOfCaCertificates).totalRevokedEntries(ts.totalRevokedEntries())
                .build();
    }
}
