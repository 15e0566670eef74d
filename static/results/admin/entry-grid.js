'use strict';
// The entry grid on a race's admin page: a new row's finish follows the last one; picking a driver
// fills an empty car number and make from his last race; Enter saves and stays on the page.
(function () {
  function lastRaceDefaults(select) {
    const config = document.getElementById('entry-grid-config');
    const row = select.closest('tr');
    if (!config || !row || !select.value) { return; }
    const number = row.querySelector('input[name$="-number"]');
    const make = row.querySelector('select[name$="-manufacturer"]');
    if (number.value && make.value) { return; }
    const url = config.dataset.defaultsUrl + '?driver=' + encodeURIComponent(select.value);
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (last) {
        if (!number.value && last.number) { number.value = last.number; number.classList.add('defaulted'); }
        if (!make.value && last.manufacturer) { make.value = String(last.manufacturer); make.classList.add('defaulted'); }
      });
  }

  function nextFinish(row) {
    const finishes = Array.from(document.querySelectorAll('.entry-grid input[name$="-finish"]'))
      .map(function (input) { return parseInt(input.value, 10); })
      .filter(function (n) { return !isNaN(n); });
    const finish = row.querySelector('input[name$="-finish"]');
    if (finish && !finish.value) { finish.value = finishes.length ? Math.max.apply(null, finishes) + 1 : 1; }
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (window.django && window.django.jQuery) {
      window.django.jQuery(document).on('select2:select', '.entry-grid select[name$="-driver"]', function (event) {
        lastRaceDefaults(event.target);
      });
    }
    document.addEventListener('change', function (event) {
      if (event.target.matches('.entry-grid select[name$="-driver"]')) { lastRaceDefaults(event.target); }
      if (event.target.matches('.entry-grid input, .entry-grid select')) { event.target.classList.remove('defaulted'); }
    });
    document.addEventListener('formset:added', function (event) {
      if (event.detail && event.detail.formsetName === 'entries') { nextFinish(event.target); }
    });
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter' || !event.target.matches('.entry-grid input')) { return; }
      const stay = document.querySelector('input[name="_continue"]');
      if (stay) { event.preventDefault(); stay.click(); }
    });
  });
})();
