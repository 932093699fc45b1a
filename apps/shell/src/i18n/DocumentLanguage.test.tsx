import { render } from '@testing-library/react';
import { OctopusUiProvider } from '@octopus/ui';
import { DocumentLanguage } from './DocumentLanguage';

describe('<DocumentLanguage>', () => {
  it('sets <html lang> and the title to the page language, and follows a change', () => {
    document.documentElement.lang = 'zh-CN';
    document.title = 'Octopus 客服工作台';
    const view = render(
      <OctopusUiProvider locale="en-US">
        <DocumentLanguage />
      </OctopusUiProvider>,
    );
    expect(document.documentElement.lang).toBe('en-US');
    expect(document.title).toBe('Octopus agent workbench');
    view.rerender(
      <OctopusUiProvider locale="zh-CN">
        <DocumentLanguage />
      </OctopusUiProvider>,
    );
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('Octopus 客服工作台');
  });
});
