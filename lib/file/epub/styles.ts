// One small stylesheet for every page. Readers override fonts and sizes anyway; what matters is
// a comfortable line height and the typesetting each script expects: Chinese text indents every
// paragraph by two characters with no gap between them, English separates paragraphs by space.
// The choice rides on a body class rather than :lang(), which older reading engines ignore.

export const STYLESHEET = `body {
  margin: 0 4%;
  line-height: 1.6;
  word-wrap: break-word;
}
h1 {
  font-size: 1.4em;
  line-height: 1.3;
  text-align: center;
  margin: 1.5em 0 1em;
}
p {
  margin: 0 0 0.8em;
}
body.zh {
  line-height: 1.8;
}
body.zh p {
  text-indent: 2em;
  margin: 0 0 0.3em;
}
p.author, p.source {
  text-align: center;
  text-indent: 0;
}
p.missing {
  text-indent: 0;
  font-style: italic;
}
body.cover {
  margin: 0;
  padding: 0;
  text-align: center;
}
div.cover {
  margin: 0;
  padding: 0;
  text-align: center;
}
div.cover img {
  max-width: 100%;
  max-height: 100%;
}
nav ol {
  list-style-type: none;
  padding: 0;
}
`;
