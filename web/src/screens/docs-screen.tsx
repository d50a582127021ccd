import { Anchor, AppShell, Group, NavLink, ScrollArea, Stack, Text, TextInput, Title, Typography } from '@mantine/core';
import { isValidElement, useEffect, useMemo, useState, type ReactNode } from 'react';
import Markdown from 'react-markdown';
import { Link, NavLink as RouterLink, useLocation, useParams } from 'react-router';
import remarkGfm from 'remark-gfm';

// The docs portal: the guides of docs/ rendered inside the app at /docs/{page}, built into the app
// so they match the version running, with a search over every guide's text. Screens link here
// from their help.

// The pictures the guides show (docs/screenshots/, written by `npm run screenshots`), as built asset URLs.
const pictures = import.meta.glob('../../../docs/screenshots/*.png', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const pictureUrl = (src: string | undefined) => (src ? (pictures[`../../../docs/${src.replace(/^\.\//, '')}`] ?? src) : src);

const sources = import.meta.glob('../../../docs/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

interface Guide {
  page: string;
  title: string;
  text: string;
}

const guides: Guide[] = Object.entries(sources)
  .map(([path, text]) => ({ page: path.replace(/^.*\/(.+)\.md$/, '$1'), title: /^#\s+(.+)$/m.exec(text)?.[1] ?? path, text }))
  .sort((a, b) => a.title.localeCompare(b.title));

/** The text of a heading's children, code spans included. */
function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

/** A heading's anchor as GitHub makes it, so /docs/{page}#{anchor} and links on GitHub agree. */
export function headingAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

const heading = (Tag: 'h1' | 'h2' | 'h3' | 'h4') =>
  function Heading({ children }: { children?: ReactNode }) {
    return <Tag id={headingAnchor(textOf(children))}>{children}</Tag>;
  };

/** Lines of the guides that hold every word searched for, a few per guide. */
function search(query: string): { guide: Guide; lines: string[] }[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return guides.flatMap((guide) => {
    const lower = guide.text.toLowerCase();
    if (!words.every((word) => lower.includes(word))) return [];
    const lines = guide.text.split('\n').filter((line) => words.some((word) => line.toLowerCase().includes(word)));
    return [{ guide, lines: lines.slice(0, 3) }];
  });
}

export function DocsScreen() {
  const { page } = useParams();
  const [query, setQuery] = useState('');
  const { hash } = useLocation();
  // A link to a section (a screen's Help) opens the guide at that heading.
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
    else window.scrollTo(0, 0);
  }, [page, hash]);
  const found = useMemo(() => search(query), [query]);
  const guide = guides.find((candidate) => candidate.page === page) ?? guides.find((candidate) => candidate.page === 'web-app') ?? guides[0];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={3}>Plixo docs</Title>
          <Anchor component={Link} to="/">
            Back to the app
          </Anchor>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Guides">
        <TextInput label="Search the docs" value={query} onChange={(event) => setQuery(event.currentTarget.value)} mb="sm" />
        <ScrollArea>
          {guides.map((entry) => (
            <NavLink key={entry.page} component={RouterLink} to={`/docs/${entry.page}`} label={entry.title} active={entry.page === guide?.page} />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        {query.trim() !== '' ? (
          <Stack component="section" aria-label="Search results">
            <Title order={2}>
              {found.length} guide{found.length === 1 ? '' : 's'} mention “{query.trim()}”
            </Title>
            {found.map(({ guide: hit, lines }) => (
              <div key={hit.page}>
                <Anchor component={Link} to={`/docs/${hit.page}`} onClick={() => setQuery('')}>
                  {hit.title}
                </Anchor>
                {lines.map((line, index) => (
                  <Text key={index} size="sm" c="dimmed">
                    {line.replace(/[#*`|]/g, '').trim()}
                  </Text>
                ))}
              </div>
            ))}
          </Stack>
        ) : guide ? (
          <Typography>
            <article aria-label={guide.title}>
              <Markdown
                remarkPlugins={[remarkGfm]}
                components={{
                  h1: heading('h1'),
                  h2: heading('h2'),
                  h3: heading('h3'),
                  h4: heading('h4'),
                  // Links between guides stay inside the portal.
                  img: ({ src, alt }) => <img src={pictureUrl(typeof src === 'string' ? src : undefined)} alt={alt ?? ''} style={{ maxWidth: '100%' }} loading="lazy" />,
                  a: ({ href, children }) => {
                    const local = href && /^[\w-]+\.md(#.*)?$/.test(href) ? `/docs/${href.replace(/\.md/, '')}` : null;
                    return local ? <Link to={local}>{children}</Link> : <a href={href}>{children}</a>;
                  },
                }}
              >
                {guide.text}
              </Markdown>
            </article>
          </Typography>
        ) : (
          <Text>No guides are built into this app.</Text>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
