// jsdom has no layout: Vant scrolls a form's first invalid field into view, which it lacks.
Element.prototype.scrollIntoView = function scrollIntoView() {}
