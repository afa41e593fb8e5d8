package io.gureum.cloudwatch.math;

import java.util.List;

/** SEARCH('search expression', 'Statistic'[, Period]): one series per matching metric of the caller's store. */
final class Search {
    private Search() {
    }

    static Value apply(MathContext ctx, List<Value> args) {
        if (!(Functions.arg(args, 0, "SEARCH") instanceof Value.Text query)
                || !(Functions.arg(args, 1, "SEARCH") instanceof Value.Text stat)) {
            throw new MathException("SEARCH expects a search expression and a statistic in quotes.");
        }
        int period = ctx.period();
        if (args.size() > 2) {
            if (!(args.get(2) instanceof Value.Scalar p) || p.value() <= 0 || p.value() != Math.floor(p.value())) {
                throw new MathException("The period of SEARCH must be a positive whole number of seconds.");
            }
            period = (int) p.value();
        }
        return ctx.search(SearchQuery.parse(query.text()), stat.text(), period);
    }
}
