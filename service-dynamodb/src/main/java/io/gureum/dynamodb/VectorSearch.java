package io.gureum.dynamodb;

import io.gureum.dynamodb.expression.Ast;
import io.gureum.dynamodb.expression.Ast.Condition;
import io.gureum.dynamodb.expression.Evaluator;
import io.gureum.dynamodb.expression.ExpressionAttributes;
import io.gureum.dynamodb.expression.Parser;
import io.gureum.dynamodb.expression.Path;
import io.gureum.dynamodb.expression.Updater;
import io.gureum.dynamodb.expression.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.SearchResultItem;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsRequest;
import software.amazon.awssdk.services.dynamodb.model.SearchVectorsResponse;
import software.amazon.awssdk.services.dynamodb.model.VectorCapacity;

/**
 * SearchVectors (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SearchVectors.html): an exact
 * nearest-neighbour search over the items of a table's vector index, where DynamoDB runs an approximate one. The
 * results are the {@code TopK} most similar items, most similar first, each with its score (COSINE and EUCLIDEAN:
 * smallest first; DOT_PRODUCT: largest first), projected as the index projects them and then by
 * {@code ProjectionExpression}. There is no pagination, as in DynamoDB (VectorSearch.Requirements.html).
 */
final class VectorSearch {
    static final int MAX_TOP_K = 100;
    /** The comparisons SearchConditionExpression takes (VectorSearchFilterReference.html); others are refused. */
    private static final Set<String> COMPARATORS = Set.of("=", "<", "<=", ">", ">=");

    private final DynamoDbState state;
    private final Tables tables;

    VectorSearch(DynamoDbState state, Tables tables) {
        this.state = state;
        this.tables = tables;
    }

    private record Hit(Map<String, AttributeValue> item, double score) {
    }

    public SearchVectorsResponse searchVectors(SearchVectorsRequest r) {
        if (r.indexName() == null) {
            throw DynamoErrors.constraint(null, "indexName", "Member must not be null");
        }
        if (r.topK() == null) {
            throw DynamoErrors.constraint(null, "topK", "Member must not be null");
        }
        if (!r.hasSearchVector()) {
            throw DynamoErrors.constraint(null, "searchVector", "Member must not be null");
        }
        if (r.topK() < 1 || r.topK() > MAX_TOP_K) {
            throw DynamoErrors.validation("Provided TopK value is out of valid range");
        }
        boolean anyExpression = r.searchConditionExpression() != null || r.projectionExpression() != null;
        Items.checkExpressionParameters(anyExpression, r.expressionAttributeNames(), r.expressionAttributeValues(),
                r.hasExpressionAttributeNames(), r.hasExpressionAttributeValues());
        ExpressionAttributes attrs = new ExpressionAttributes(r.expressionAttributeNames(), r.expressionAttributeValues());
        Condition condition = r.searchConditionExpression() == null ? null
                : Parser.condition("SearchConditionExpression", r.searchConditionExpression(), attrs);
        List<Path> projection = Items.projection(r.projectionExpression(), null, attrs);
        attrs.checkAllUsed();

        Database db = state.database();
        Table t = tables.require(db, r.tableName());
        VectorIndex vx = t.vectorIndexes.get(r.indexName());
        // SearchVectors takes the shared lock, so it does not settle statuses; it sees what a settled table would.
        boolean settled = t.settlesAt != null && !state.context.clock().now().isBefore(t.settlesAt);
        if (vx == null || vx.status.equals("DELETING")) {
            throw DynamoErrors.validation("The table does not have the specified index: " + r.indexName());
        }
        if (vx.status.equals("CREATING") && !settled) {
            throw DynamoErrors.validation("Cannot search backfilling vector index: " + r.indexName());
        }
        float[] query = queryVector(r.searchVector(), vx);
        if (condition != null) {
            checkCondition(condition, vx);
        }
        String hash = vx.hashAttribute();
        if (hash != null) {
            if (condition == null) {
                throw DynamoErrors.validation("SearchConditionExpression must be provided when SearchSchema has a HASH key");
            }
            if (!pinsHash(condition, hash)) {
                throw DynamoErrors.validation("Invalid SearchConditionExpression: the vector index partition key " + hash
                        + " must be compared with = and combined with the other conditions by AND");
            }
        }

        List<Hit> hits = new ArrayList<>();
        long examined = 0;
        for (var partition : t.data.all().values()) {
            for (Map<String, AttributeValue> item : partition.values()) {
                float[] stored = vx.vectorOf(item);
                if (stored == null) {
                    continue;
                }
                if (condition != null && !Evaluator.test(condition, item)) {
                    continue;
                }
                examined++;
                Double score = vx.score(query, stored);
                if (score != null) {
                    hits.add(new Hit(item, score));
                }
            }
        }
        Comparator<Hit> order = Comparator.comparingDouble(Hit::score);
        hits.sort(vx.higherIsCloser() ? order.reversed() : order);
        List<SearchResultItem> results = new ArrayList<>();
        long returnedBytes = 0;
        for (Hit h : hits.subList(0, Math.min(r.topK(), hits.size()))) {
            Map<String, AttributeValue> item = vx.project(h.item(), t.key);
            if (projection != null) {
                item = Updater.project(item, projection);
            }
            returnedBytes += Values.itemSize(item);
            results.add(SearchResultItem.builder().item(item).score(h.score()).build());
        }
        SearchVectorsResponse.Builder b = SearchVectorsResponse.builder().searchResults(results);
        String rcc = r.returnConsumedCapacityAsString();
        if ("TOTAL".equals(rcc) || "INDEXES".equals(rcc)) {
            // Gureum's measure: the 32-bit vectors compared plus the bytes returned (DynamoDB documents only that it
            // scales with the vector data examined and returned, VectorSearchMonitoring.html).
            double bytes = 4.0 * vx.dimensions * (examined + 1) + returnedBytes;
            b.consumedCapacity(VectorCapacity.builder().vectorSearchRequestBytes(bytes).build());
        }
        return b.build();
    }

    /** The search vector as 32-bit floats; it must be a list of {@code Dimensions} Numbers. */
    private static float[] queryVector(List<AttributeValue> vector, VectorIndex vx) {
        for (AttributeValue v : vector) {
            if (!"N".equals(Values.type(v))) {
                throw DynamoErrors.validation("One or more parameter values were invalid: SearchVector elements must be"
                        + " Numbers (N)");
            }
        }
        if (vector.size() != vx.dimensions) {
            throw DynamoErrors.validation("One or more parameter values were invalid: SearchVector has " + vector.size()
                    + " dimensions but vector index " + vx.name + " has " + vx.dimensions);
        }
        float[] out = VectorIndex.floats(AttributeValue.builder().l(vector).build(), vector.size());
        if (out == null) {
            throw DynamoErrors.validation("One or more parameter values were invalid: SearchVector holds a number outside"
                    + " the 32-bit floating point range");
        }
        return out;
    }

    /**
     * SearchConditionExpression names only top-level SearchSchema attributes, compared with constant values by
     * {@code = < <= > >=}, {@code BETWEEN} or {@code IN}, combined by {@code AND} and {@code OR}.
     */
    private static void checkCondition(Condition c, VectorIndex vx) {
        if (c instanceof Ast.And a) {
            checkCondition(a.left(), vx);
            checkCondition(a.right(), vx);
        } else if (c instanceof Ast.Or o) {
            checkCondition(o.left(), vx);
            checkCondition(o.right(), vx);
        } else if (c instanceof Ast.Comparison cmp) {
            if (!COMPARATORS.contains(cmp.op())) {
                throw DynamoErrors.validation("Invalid comparator used in SearchConditionExpression");
            }
            checkOperands(vx, cmp.left(), cmp.right());
        } else if (c instanceof Ast.Between bt) {
            checkOperands(vx, bt.value(), bt.low(), bt.high());
        } else if (c instanceof Ast.In in) {
            List<Ast.Operand> all = new ArrayList<>();
            all.add(in.value());
            all.addAll(in.candidates());
            checkOperands(vx, all.toArray(new Ast.Operand[0]));
        } else {
            throw DynamoErrors.validation("Invalid comparator used in SearchConditionExpression");
        }
    }

    /** Exactly one operand is an attribute of the search schema; the others are values. */
    private static void checkOperands(VectorIndex vx, Ast.Operand... operands) {
        int paths = 0;
        for (Ast.Operand o : operands) {
            if (o instanceof Ast.PathOperand p) {
                paths++;
                if (!p.path().isTopLevel()) {
                    throw DynamoErrors.validation("Invalid SearchConditionExpression: only top-level attributes can be used;"
                            + " found: " + p.path());
                }
                if (!vx.inSchema(p.path().head())) {
                    throw DynamoErrors.validation("Invalid SearchConditionExpression: attribute " + p.path().head()
                            + " is not in the SearchSchema of vector index " + vx.name);
                }
            } else if (!(o instanceof Ast.ValueOperand)) {
                throw DynamoErrors.validation("Invalid comparator used in SearchConditionExpression");
            }
        }
        if (paths != 1) {
            throw DynamoErrors.validation("Invalid SearchConditionExpression: each condition compares one SearchSchema"
                    + " attribute with values");
        }
    }

    /** Whether the condition is {@code hash = :v}, or an AND of conditions one of which is. */
    private static boolean pinsHash(Condition c, String hash) {
        if (c instanceof Ast.And a) {
            return pinsHash(a.left(), hash) || pinsHash(a.right(), hash);
        }
        return c instanceof Ast.Comparison cmp && cmp.op().equals("=")
                && (isPath(cmp.left(), hash) || isPath(cmp.right(), hash));
    }

    private static boolean isPath(Ast.Operand o, String name) {
        return o instanceof Ast.PathOperand p && p.path().isTopLevel() && p.path().head().equals(name);
    }
}
