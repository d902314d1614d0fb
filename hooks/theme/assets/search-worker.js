/* The course's search worker, behind Material's search box: it answers Material's messages
   (SETUP -> READY, QUERY -> RESULT, as Material's own worker does), so the box, the keyboard,
   the results list and the highlighting on the page that opens stay Material's.

   The index comes in pieces (coursekit/outputs/searchindex.py): a query fetches the pieces of
   the words it may hold, then the pages of the results it shows. Chinese (any script written
   without spaces) is cut into the index's own words, the words jieba cut the pages into, so
   安全帽 finds 安全帽 and not every 安. Ranking: rare words count more, a word in a title more than
   in the text, a page that holds every word of the query (and the query as a phrase) first. */
"use strict";

/* Scripts written without spaces; keep in step with _UNSPACED in searchindex.py. */
var UNSPACED = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]/;
var RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+/g;
var SHOWN = 10; // pages whose best section is fetched, for its teaser: Material renders ten at once
var WINDOW = 240; // characters of a long block shown around its first match
var LISTED = 3; // pages of them whose other matching sections are listed too
var TITLE = 0.8; // a word in a section's title, against 0 to 1 for the word in its text
var PAGE_TITLE = 1.2; // in the page's own title (its first section)

var base = new URL("../search/", self.location.href);
var config = null, separator = null;
var cache = {};

function fetchJSON(name) {
  if (!cache[name])
    cache[name] = fetch(new URL(name, base)).then(function (r) {
      if (!r.ok) throw new Error(name + ": " + r.status);
      return r.json();
    });
  return cache[name];
}

/* FNV-1a over the code points of a word's key, as searchindex.piece() computes it. */
function piece(word) {
  var key = UNSPACED.test(word.charAt(0)) ? Array.from(word)[0] : Array.from(word).slice(0, 2).join("");
  var h = 0x811c9dc5;
  for (var char of key) h = Math.imul(h ^ char.codePointAt(0), 0x01000193) >>> 0;
  return h % config.pieces;
}

function terms(word) {
  return fetchJSON("terms-" + piece(word) + ".json");
}

/* The query's parts: runs of spaced words, and runs written without spaces. */
function parts(query) {
  var found = [];
  query.normalize("NFKC").toLowerCase().split(separator).forEach(function (chunk) {
    (chunk.match(RUN) || []).forEach(function (run) {
      if (run.trim()) found.push({ text: run, unspaced: UNSPACED.test(run) });
    });
  });
  return found;
}

/* Cut a run written without spaces into the index's words: as few words as may be, and among
   cuts of as many words the one whose words are more common (as jieba prefers). A character
   that begins no word of the index stays a word of its own, and matches nothing. */
function cut(run, vocabulary) {
  var chars = Array.from(run), best = [{ n: 0, weight: 0, words: [] }];
  for (var i = 1; i <= chars.length; i++) {
    best[i] = null;
    for (var j = Math.max(0, i - 12); j < i; j++) {
      var word = chars.slice(j, i).join(""), known = vocabulary(word);
      if (!known && i - j > 1) continue;
      var before = best[j], candidate = {
        n: before.n + 1,
        weight: before.weight + Math.log(1 + (known ? known.length / 4 : 0)),
        words: before.words.concat([word])
      };
      if (!best[i] || candidate.n < best[i].n || (candidate.n == best[i].n && candidate.weight > best[i].weight))
        best[i] = candidate;
    }
  }
  return best[chars.length].words;
}

/* Levenshtein distance, stopping early past `limit`. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var previous = [], current;
  for (var j = 0; j <= b.length; j++) previous[j] = j;
  for (var i = 1; i <= a.length; i++) {
    current = [i];
    var low = i;
    for (j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
      low = Math.min(low, current[j]);
    }
    if (low > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/* The index's words that stand for a query word, each with a weight: the word itself; in spaced
   scripts, words that begin with it (inspect -> inspection) when it is the word being typed or
   is long enough to be a stem, and for a word the index does not have, words a typing slip away
   (organize -> organise). */
function matches(word, table, unspaced, near, last) {
  var found = [];
  if (near) return [{ term: near, weight: 0.8 }];
  if (table[word]) found.push({ term: word, weight: 1 });
  if (unspaced) return found;
  if (word.length >= 4 || (last && word.length >= 2))
    for (var term in table)
      if (term != word && term.indexOf(word) == 0) found.push({ term: term, weight: 0.7 });
  if (!found.length && word.length >= 4) {
    var limit = word.length >= 8 ? 2 : 1;
    for (term in table)
      if (distance(word, term, limit) <= limit) found.push({ term: term, weight: 0.6 });
  }
  return found;
}

/* A word of the index one character away from a run of three or more that the index does not
   hold as a word (消防拴 for 消防栓): the most common, if any. */
function misspelt(run, table) {
  var best = null;
  if (Array.from(run).length < 3) return null;
  for (var term in table)
    if (Array.from(term).length >= 3 && distance(Array.from(run), Array.from(term), 1) <= 1 && (!best || table[term].length > table[best].length))
      best = term;
  return best;
}

/* The query as words, each with the index's words that match it. */
async function analyse(query) {
  var runs = parts(query), keys = new Set();
  runs.forEach(function (run) {
    if (run.unspaced) Array.from(run.text).forEach(function (c) { keys.add(c); });
    else keys.add(run.text);
  });
  var tables = {};
  await Promise.all([...keys].map(async function (key) { tables[key] = await terms(key); }));
  var words = [];
  runs.forEach(function (run) {
    if (run.unspaced) {
      var table = tables[Array.from(run.text)[0]], cuts = cut(run.text, function (w) { return tables[Array.from(w)[0]][w]; });
      var near = cuts.length > 1 ? misspelt(run.text, table) : null;
      if (near) words.push({ text: run.text, unspaced: true, table: table, near: near });
      else cuts.forEach(function (w) { words.push({ text: w, unspaced: true, table: tables[Array.from(w)[0]] }); });
    } else words.push({ text: run.text, unspaced: false, table: tables[run.text] });
  });
  // Words typed apart that the index holds as one ("work place" -> workplace).
  var pairs = words.slice(1).map(function (w, i) {
    var joined = words[i].text + w.text;
    return words[i].unspaced || w.unspaced || joined.length < 5 ? null : terms(joined);
  });
  pairs = await Promise.all(pairs);
  for (var i = words.length - 2; i >= 0; i--) {
    var joined = words[i].text + words[i + 1].text;
    if (pairs[i] && pairs[i][joined] && !words[i + 1].joined)
      words.splice(i, 2, { text: joined, unspaced: false, table: pairs[i], joined: true });
  }
  words.forEach(function (w, i) { w.matches = matches(w.text, w.table, w.unspaced, w.near, i == words.length - 1); });
  return words;
}

/* Score every section that holds a query word; group by page. */
function rank(words, table) {
  var sections = {}, total = config.sections, weightAll = 0;
  function idf(list) {
    var df = list.length / 4;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  }
  words.forEach(function (w, k) {
    w.idf = Math.max.apply(null, [0].concat(w.matches.map(function (m) { return idf(w.table[m.term]); })));
    weightAll += w.idf;
    w.matches.forEach(function (m) {
      var list = w.table[m.term], weight = m.weight * idf(list);
      for (var i = 0; i < list.length; i += 4) {
        var key = list[i] + "/" + list[i + 1];
        var s = sections[key] || (sections[key] = { page: list[i], section: list[i + 1], score: 0, words: {}, found: {} });
        var score = (list[i + 1] == 0 ? PAGE_TITLE : TITLE) * list[i + 2] + list[i + 3] / 10;
        s.words[k] = Math.max(s.words[k] || 0, weight * score);
        s.found[m.term] = w.idf * m.weight; // how much a mark of it matters, for the teaser
      }
    });
  });
  var pages = {};
  Object.keys(sections).forEach(function (key) {
    var s = sections[key], sum = 0, covered = 0;
    Object.keys(s.words).forEach(function (k) { sum += s.words[k]; covered += words[k].idf; });
    s.score = sum * Math.pow(covered / weightAll, 2);
    var p = pages[s.page] || (pages[s.page] = { page: s.page, sections: [], score: 0, covered: {} });
    p.sections.push(s);
    Object.keys(s.words).forEach(function (k) { p.covered[k] = true; });
  });
  return Object.keys(pages).map(function (n) {
    var p = pages[n], covered = 0;
    p.sections.sort(function (a, b) { return b.score - a.score; });
    Object.keys(p.covered).forEach(function (k) { covered += words[k].idf; });
    // The best section, the others a little, and the share of the query the page holds.
    var rest = p.sections.slice(1).reduce(function (sum, s) { return sum + s.score; }, 0);
    p.score = table[p.page][2] * (p.sections[0].score + 0.1 * Math.min(rest, 3 * p.sections[0].score)) * Math.pow(covered / weightAll, 2);
    return p;
  }).sort(function (a, b) { return b.score - a.score; });
}

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* Mark the index's words `found` in a text, whole words only. */
function mark(text, found) {
  var out = "", last = 0, re = new RegExp(separator.source, "g"), m;
  var piecesOf = [];
  while ((m = re.exec(text))) {
    if (m.index > last) piecesOf.push([last, m.index]);
    piecesOf.push([m.index, m.index + m[0].length, true]);
    last = m.index + m[0].length;
    if (!m[0].length) re.lastIndex++;
  }
  if (last < text.length) piecesOf.push([last, text.length]);
  piecesOf.forEach(function (p) {
    var chunk = text.slice(p[0], p[1]);
    out += !p[2] && found[chunk.normalize("NFKC").toLowerCase()] ? "<mark>" + escape(chunk) + "</mark>" : escape(chunk);
  });
  return out;
}

/* The blocks of a section's text that hold a match, as a teaser (at most two), a long block cut
   to the stretch around its first match. */
function teaser(text, found) {
  var blocks = text.split("\n").map(function (block, i) {
    var at = first(block, found), seen = {}, weight = 0;
    block.normalize("NFKC").toLowerCase().split(separator).forEach(function (word) {
      if (found[word] && !seen[word]) weight += found[word], seen[word] = true;
    });
    return { text: block, at: at, weight: weight, order: i };
  }).filter(function (b) { return b.at >= 0; });
  // The two blocks that hold the most of the query (the second only if it holds as much as
  // half), in the order of the text.
  blocks.sort(function (a, b) { return b.weight - a.weight || a.order - b.order; });
  return blocks.slice(0, 2).filter(function (b, i, all) { return b.weight * 2 >= all[0].weight; }).sort(function (a, b) { return a.order - b.order; }).map(function (b) {
    var block = b.text;
    if (block.length > WINDOW) {
      var start = Math.max(0, b.at - WINDOW / 4);
      block = (start ? "… " : "") + block.slice(start, start + WINDOW) + (start + WINDOW < block.length ? " …" : "");
    }
    return "<p>" + mark(block, found) + "</p>";
  }).join("");
}

/* Where the weightiest of the words `found` first occurs in a text, or -1. */
function first(text, found) {
  var re = new RegExp(separator.source, "g"), last = 0, m, at = -1, best = 0;
  do {
    m = re.exec(text);
    var end = m ? m.index : text.length, weight = end > last && found[text.slice(last, end).normalize("NFKC").toLowerCase()];
    if (weight > best) at = last, best = weight;
    if (m) { last = m.index + m[0].length; if (!m[0].length) re.lastIndex++; }
  } while (m);
  return at;
}

/* Whether a section holds the query's words one after another. */
function phrase(text, words) {
  if (words.length < 2) return false;
  var flat = text.normalize("NFKC").toLowerCase().split(separator).filter(Boolean);
  for (var i = 0; i + words.length <= flat.length; i++)
    if (words.every(function (w, k) { return w.matches.some(function (m) { return m.term == flat[i + k]; }); }))
      return true;
  return false;
}

async function search(query) {
  var pages = fetchJSON("pages.json"); // while the words' pieces load
  var words = await analyse(query);
  if (!words.some(function (w) { return w.matches.length; })) return { items: [], suggest: [] };
  var table = await pages, ranked = rank(words, table), shown = ranked.slice(0, SHOWN);
  // For the pages shown, their best section (anchor, title, text); for the first few, the titles
  // of all their sections too, to list the other sections that match.
  await Promise.all(shown.map(function (p, i) {
    return Promise.all([
      fetchJSON("text-" + p.page + "-" + p.sections[0].section + ".json").then(function (best) { p.best = best; }),
      i < LISTED ? fetchJSON("page-" + p.page + ".json").then(function (heads) { p.heads = heads; }) : null
    ]);
  }));
  shown.forEach(function (p) {
    if (phrase(p.best[1] + "\n" + p.best[2], words)) p.score *= 2;
  });
  shown.sort(function (a, b) { return b.score - a.score; });
  ranked = shown.concat(ranked.slice(SHOWN));
  var items = ranked.map(function (p) {
    var found = {}, terms = {};
    p.sections.forEach(function (s) { Object.assign(found, s.found); });
    words.forEach(function (w) {
      var hit = w.matches.filter(function (m) { return found[m.term]; });
      if (!hit.length) terms[w.text] = false;
      hit.forEach(function (m) { terms[m.term] = true; });
    });
    var url = table[p.page][0];
    var group = [{ location: url, title: mark(table[p.page][1], found), text: "", score: p.score, terms: terms }];
    if (!p.best) return group;
    // Material shows a page's best section with its teaser, and the others under "more on this
    // page", by the sections' scores against the page's: the best section scores as the page.
    var top = p.sections[0].score;
    p.sections.forEach(function (s, i) {
      var head = i == 0 ? p.best : p.heads && p.heads[s.section];
      if (!head) return;
      var text = i == 0 ? teaser(p.best[2], found) : "";
      if (s.section == 0) group[0].text = text;
      else group.push({ location: url + "#" + head[0], title: mark(head[1], found), text: text, score: p.score * s.score / top, terms: terms });
    });
    return group;
  });
  return { items: items, suggest: suggest(words) };
}

/* The likeliest completion of the last word, for Material's search.suggest. */
function suggest(words) {
  var last = words[words.length - 1], best = null;
  if (!last) return [];
  for (var term in last.table)
    if (term.indexOf(last.text) == 0 && term != last.text && (!best || last.table[term].length > last.table[best].length))
      best = term;
  return best ? [best] : [];
}

addEventListener("message", async function (event) {
  var message = event.data;
  if (message.type == 0) { // SETUP
    config = message.data.config;
    // Where words end: the language's separator, and U+200B, where jieba cut Han text in any
    // language (as searchindex.cuts() has it).
    separator = new RegExp("(?:" + config.separator + ")|\u200b");
    // A site read from file:// has every piece in its settings (searchindex.split(inline=True)).
    Object.keys(config.files || {}).forEach(function (name) { cache[name] = Promise.resolve(config.files[name]); });
    postMessage({ type: 1 }); // READY
  } else if (message.type == 2) { // QUERY
    var result;
    try {
      result = message.data.trim() ? await search(message.data) : { items: [] };
    } catch (error) {
      console.warn("search: " + error);
      result = { items: [] };
    }
    postMessage({ type: 3, data: result }); // RESULT
  }
});
