package io.gureum.secretsmanager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SortByType;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;

/**
 * ListSecrets: the region's secrets (not those scheduled for deletion unless IncludePlannedDeletion),
 * filtered ({@link SecretFilters}), sorted by SortBy (created-date when absent) in SortOrder (ascending when
 * absent), MaxResults 1–100 (100 when absent) a page.
 */
final class SecretListing {
    private static final int DEFAULT_MAX = 100;

    private final SecretsStores stores;

    SecretListing(SecretsStores stores) {
        this.stores = stores;
    }

    public ListSecretsResponse listSecrets(ListSecretsRequest r) {
        List<Secret> secrets = new ArrayList<>(SecretFilters.matching(stores.current(),
                r.hasFilters() ? r.filters() : List.of(), Boolean.TRUE.equals(r.includePlannedDeletion())));
        secrets.sort(order(r.sortBy(), r.sortOrder()));
        List<SecretListEntry> entries = new ArrayList<>(secrets.size());
        secrets.forEach(s -> entries.add(SecretViews.listEntry(s)));
        PageTokens.Page<SecretListEntry> page = PageTokens.page("secrets", entries, r.nextToken(),
                r.maxResults() == null ? DEFAULT_MAX : r.maxResults());
        return ListSecretsResponse.builder().secretList(page.items()).nextToken(page.nextToken()).build();
    }

    private static Comparator<Secret> order(SortByType by, SortOrderType order) {
        Comparator<Secret> c = switch (by == null ? SortByType.CREATED_DATE : by) {
            case NAME -> Comparator.comparing(s -> s.name);
            case LAST_ACCESSED_DATE -> Comparator.comparing(s -> orEpoch(s.lastAccessedDate));
            case LAST_CHANGED_DATE -> Comparator.comparing(s -> orEpoch(s.source().lastChangedDate));
            default -> Comparator.comparing(s -> s.createdDate);
        };
        c = c.thenComparing(s -> s.name);
        return order == SortOrderType.DESC ? c.reversed() : c;
    }

    private static Instant orEpoch(Instant i) {
        return i == null ? Instant.EPOCH : i;
    }
}
