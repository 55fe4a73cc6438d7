package qingyuan.opensearch;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.opensearch.index.analysis.AbstractTokenFilterFactory;
import org.opensearch.index.analysis.AbstractTokenizerFactory;
import org.opensearch.index.analysis.AnalyzerProvider;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.index.analysis.TokenizerFactory;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;

import java.util.Map;

/**
 * Minimal stand-in for the official analysis-icu and analysis-smartcn plugins,
 * which are not published as plain jars on Maven Central. Component names match
 * the official plugins, so index mappings written for this node also work on a
 * production cluster that has those plugins installed. Only the default
 * configurations are supported (no rule files, no custom normalization forms).
 *
 * <ul>
 *   <li>tokenizer {@code icu_tokenizer}: Unicode word breaking with dictionary-based
 *       segmentation of Chinese/Japanese/Thai/... into words;</li>
 *   <li>tokenizer {@code smartcn_tokenizer}: HMM-based Simplified Chinese word segmentation;</li>
 *   <li>token filter {@code smartcn_stop}: drops punctuation tokens and smartcn's stop words;</li>
 *   <li>analyzer {@code smartcn}: smartcn_tokenizer + lowercase + smartcn_stop (Lucene's SmartChineseAnalyzer);</li>
 *   <li>token filter {@code icu_folding}: case/accent/width folding (e.g. full-width to ASCII);</li>
 *   <li>token filter {@code icu_normalizer}: NFKC case-folding normalisation.</li>
 * </ul>
 */
public final class ChineseAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "icu_tokenizer", (IndexSettings idx, Environment env, String name, Settings s) ->
                new AbstractTokenizerFactory(idx, s, name) {
                    @Override
                    public Tokenizer create() {
                        return new ICUTokenizer();
                    }
                },
            "smartcn_tokenizer", (IndexSettings idx, Environment env, String name, Settings s) ->
                new AbstractTokenizerFactory(idx, s, name) {
                    @Override
                    public Tokenizer create() {
                        return new HMMChineseTokenizer();
                    }
                });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "icu_folding", (IndexSettings idx, Environment env, String name, Settings s) ->
                new AbstractTokenFilterFactory(idx, name, s) {
                    @Override
                    public TokenStream create(TokenStream input) {
                        return new ICUFoldingFilter(input);
                    }
                },
            "icu_normalizer", (IndexSettings idx, Environment env, String name, Settings s) ->
                new AbstractTokenFilterFactory(idx, name, s) {
                    @Override
                    public TokenStream create(TokenStream input) {
                        return new ICUNormalizer2Filter(input);
                    }
                },
            "smartcn_stop", (IndexSettings idx, Environment env, String name, Settings s) ->
                new AbstractTokenFilterFactory(idx, name, s) {
                    @Override
                    public TokenStream create(TokenStream input) {
                        return new StopFilter(input, SmartChineseAnalyzer.getDefaultStopSet());
                    }
                });
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of(
            "smartcn", (IndexSettings idx, Environment env, String name, Settings s) ->
                new AbstractIndexAnalyzerProvider<SmartChineseAnalyzer>(idx, name, s) {
                    private final SmartChineseAnalyzer analyzer = new SmartChineseAnalyzer();

                    @Override
                    public SmartChineseAnalyzer get() {
                        return analyzer;
                    }
                });
    }
}
