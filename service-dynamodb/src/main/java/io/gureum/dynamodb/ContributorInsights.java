package io.gureum.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * UpdateContributorInsights, DescribeContributorInsights and ListContributorInsights: the setting is kept
 * per table and index, with the CloudWatch Contributor Insights rule names DynamoDB creates; the rules'
 * reports themselves are not computed. ENABLING and DISABLING settle at once, like table statuses
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/contributorinsights_HowItWorks.html).
 */
final class ContributorInsights {
    /** One table's or index's setting. */
    record Setting(String status, String mode, Instant updated) {
    }

    private final DynamoDbState state;
    private final Tables tables;

    ContributorInsights(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    private Table table(Database db, String nameOrArn, String index) {
        Table t = tables.require(db, nameOrArn);
        if (index != null && !t.indexes.containsKey(index)) {
            throw DynamoErrors.notFound();
        }
        return t;
    }

    public UpdateContributorInsightsResponse updateContributorInsights(UpdateContributorInsightsRequest r) {
        Database db = state.database();
        Table t = table(db, r.tableName(), r.indexName());
        boolean enable = r.contributorInsightsAction() == ContributorInsightsAction.ENABLE;
        String mode = r.contributorInsightsModeAsString() != null ? r.contributorInsightsModeAsString()
                : "ACCESSED_AND_THROTTLED_KEYS";
        t.insights.put(key(r.indexName()), new Setting(enable ? "ENABLED" : "DISABLED", mode, state.context.clock().now()));
        UpdateContributorInsightsResponse.Builder b = UpdateContributorInsightsResponse.builder().tableName(t.name)
                .contributorInsightsStatus(enable ? ContributorInsightsStatus.ENABLING : ContributorInsightsStatus.DISABLING);
        if (r.indexName() != null) {
            b.indexName(r.indexName());
        }
        if (enable) {
            b.contributorInsightsMode(mode);
        }
        return b.build();
    }

    public DescribeContributorInsightsResponse describeContributorInsights(DescribeContributorInsightsRequest r) {
        Database db = state.database();
        Table t = table(db, r.tableName(), r.indexName());
        Setting s = t.insights.get(key(r.indexName()));
        DescribeContributorInsightsResponse.Builder b = DescribeContributorInsightsResponse.builder().tableName(t.name)
                .contributorInsightsStatus(s == null ? "DISABLED" : s.status());
        if (r.indexName() != null) {
            b.indexName(r.indexName());
        }
        if (s != null && s.status().equals("ENABLED")) {
            b.contributorInsightsRuleList(rules(t, r.indexName(), s)).lastUpdateDateTime(s.updated())
                    .contributorInsightsMode(s.mode());
        } else if (s != null) {
            b.lastUpdateDateTime(s.updated());
        }
        return b.build();
    }

    public ListContributorInsightsResponse listContributorInsights(ListContributorInsightsRequest r) {
        Database db = state.database();
        List<ContributorInsightsSummary> all = new ArrayList<>();
        List<Table> scope = r.tableName() == null ? List.copyOf(db.tables.values()) : List.of(tables.require(db, r.tableName()));
        for (Table t : scope) {
            t.insights.forEach((index, s) -> {
                ContributorInsightsSummary.Builder b = ContributorInsightsSummary.builder().tableName(t.name)
                        .contributorInsightsStatus(s.status()).contributorInsightsMode(s.mode());
                if (!index.isEmpty()) {
                    b.indexName(index);
                }
                all.add(b.build());
            });
        }
        int max = r.maxResults() == null || r.maxResults() == 0 ? 100 : r.maxResults();
        int start = 0;
        if (r.nextToken() != null) {
            try {
                start = Integer.parseInt(r.nextToken());
            } catch (NumberFormatException e) {
                throw DynamoErrors.validation("Invalid NextToken");
            }
        }
        int end = Math.min(all.size(), start + max);
        ListContributorInsightsResponse.Builder b = ListContributorInsightsResponse.builder()
                .contributorInsightsSummaries(start < all.size() ? all.subList(start, end) : List.of());
        if (end < all.size()) {
            b.nextToken(Integer.toString(end));
        }
        return b.build();
    }

    private static String key(String index) {
        return index == null ? "" : index;
    }

    /**
     * The rules DynamoDB creates: most accessed (C) and throttled (T) partition keys (PK), and sort keys (SK)
     * when there is one, named {@code DynamoDBContributorInsights-PKC-<table>[-<index>]-<millis>}.
     */
    private static List<String> rules(Table t, String index, Setting s) {
        boolean sortKey = index == null ? t.key.hasRange() : t.indexes.get(index).key.hasRange();
        String suffix = t.name + (index == null ? "" : "-" + index) + "-" + s.updated().toEpochMilli();
        List<String> out = new ArrayList<>();
        boolean accessed = !s.mode().equals("THROTTLED_KEYS");
        if (accessed) {
            out.add("DynamoDBContributorInsights-PKC-" + suffix);
        }
        out.add("DynamoDBContributorInsights-PKT-" + suffix);
        if (sortKey) {
            if (accessed) {
                out.add("DynamoDBContributorInsights-SKC-" + suffix);
            }
            out.add("DynamoDBContributorInsights-SKT-" + suffix);
        }
        return out;
    }
}
